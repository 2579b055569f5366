-- Quartz.NET 4.7 ADO job store on SQLite: the tables of database/tables/tables_sqlite.sql plus the columns and
-- tables added by the 4.x migrations (continuations, fire progress, overlap policy, pause reasons, scheduler version,
-- interrupt requests, per-trigger misfire threshold, fixed delay), which Quartz 4.7.3 checks for at start-up.
-- Table prefix qrtz_; SQLite compares names case-insensitively, so Quartz's upper-case SQL finds these tables.
-- Idempotent (IF NOT EXISTS throughout): run by the Evaluations migration, and safe to run twice.

CREATE TABLE IF NOT EXISTS qrtz_job_details
(
    sched_name        NVARCHAR(120) NOT NULL,
    job_name          NVARCHAR(150) NOT NULL,
    job_group         NVARCHAR(150) NOT NULL,
    description       NVARCHAR(250) NULL,
    job_class_name    NVARCHAR(250) NOT NULL,
    is_durable        BIT           NOT NULL,
    is_nonconcurrent  BIT           NOT NULL,
    is_update_data    BIT           NOT NULL,
    requests_recovery BIT           NOT NULL,
    job_data          BLOB          NULL,
    PRIMARY KEY (sched_name, job_name, job_group)
);

CREATE TABLE IF NOT EXISTS qrtz_triggers
(
    sched_name              NVARCHAR(120) NOT NULL,
    trigger_name            NVARCHAR(150) NOT NULL,
    trigger_group           NVARCHAR(150) NOT NULL,
    job_name                NVARCHAR(150) NOT NULL,
    job_group               NVARCHAR(150) NOT NULL,
    description             NVARCHAR(250) NULL,
    next_fire_time          BIGINT        NULL,
    prev_fire_time          BIGINT        NULL,
    priority                INTEGER       NULL,
    trigger_state           NVARCHAR(16)  NOT NULL,
    trigger_type            NVARCHAR(8)   NOT NULL,
    start_time              BIGINT        NOT NULL,
    end_time                BIGINT        NULL,
    calendar_name           NVARCHAR(200) NULL,
    misfire_instr           INTEGER       NULL,
    misfire_orig_fire_time  BIGINT        NULL,
    execution_group         NVARCHAR(200) NULL,
    preferred_node          NVARCHAR(200) NULL,
    preferred_node_auto     BIT           NOT NULL DEFAULT 0,
    retry_policy            NVARCHAR(250) NULL,
    retry_attempt           INTEGER       NULL,
    continues_trigger_name  NVARCHAR(150) NULL,
    continues_trigger_group NVARCHAR(150) NULL,
    continuation_condition  INTEGER       NULL,
    overlap_policy          INTEGER       NULL,
    pause_reason            NVARCHAR(250) NULL,
    paused_by               NVARCHAR(200) NULL,
    paused_at               BIGINT        NULL,
    misfire_threshold       BIGINT        NULL,
    fixed_delay             BIT           NULL,
    job_data                BLOB          NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group)
        REFERENCES qrtz_job_details (sched_name, job_name, job_group)
);

CREATE TABLE IF NOT EXISTS qrtz_simple_triggers
(
    sched_name      NVARCHAR(120) NOT NULL,
    trigger_name    NVARCHAR(150) NOT NULL,
    trigger_group   NVARCHAR(150) NOT NULL,
    repeat_count    BIGINT        NOT NULL,
    repeat_interval BIGINT        NOT NULL,
    times_triggered BIGINT        NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS qrtz_cron_triggers
(
    sched_name      NVARCHAR(120) NOT NULL,
    trigger_name    NVARCHAR(150) NOT NULL,
    trigger_group   NVARCHAR(150) NOT NULL,
    cron_expression NVARCHAR(250) NOT NULL,
    time_zone_id    NVARCHAR(80)  NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS qrtz_simprop_triggers
(
    sched_name    NVARCHAR(120) NOT NULL,
    trigger_name  NVARCHAR(150) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    str_prop_1    NVARCHAR(512) NULL,
    str_prop_2    NVARCHAR(512) NULL,
    str_prop_3    NVARCHAR(512) NULL,
    int_prop_1    INTEGER       NULL,
    int_prop_2    INTEGER       NULL,
    long_prop_1   BIGINT        NULL,
    long_prop_2   BIGINT        NULL,
    dec_prop_1    NUMERIC       NULL,
    dec_prop_2    NUMERIC       NULL,
    bool_prop_1   BIT           NULL,
    bool_prop_2   BIT           NULL,
    time_zone_id  NVARCHAR(80)  NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS qrtz_blob_triggers
(
    sched_name    NVARCHAR(120) NOT NULL,
    trigger_name  NVARCHAR(150) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    blob_data     BLOB          NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS qrtz_calendars
(
    sched_name    NVARCHAR(120) NOT NULL,
    calendar_name NVARCHAR(200) NOT NULL,
    calendar      BLOB          NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);

CREATE TABLE IF NOT EXISTS qrtz_paused_trigger_grps
(
    sched_name    NVARCHAR(120) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    pause_reason  NVARCHAR(250) NULL,
    paused_by     NVARCHAR(200) NULL,
    paused_at     BIGINT        NULL,
    PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE IF NOT EXISTS qrtz_paused_job_grps
(
    sched_name   NVARCHAR(120) NOT NULL,
    job_group    NVARCHAR(150) NOT NULL,
    pause_reason NVARCHAR(250) NULL,
    paused_by    NVARCHAR(200) NULL,
    paused_at    BIGINT        NULL,
    PRIMARY KEY (sched_name, job_group)
);

CREATE TABLE IF NOT EXISTS qrtz_fired_triggers
(
    sched_name               NVARCHAR(120) NOT NULL,
    entry_id                 NVARCHAR(140) NOT NULL,
    trigger_name             NVARCHAR(150) NOT NULL,
    trigger_group            NVARCHAR(150) NOT NULL,
    instance_name            NVARCHAR(200) NOT NULL,
    fired_time               BIGINT        NOT NULL,
    sched_time               BIGINT        NOT NULL,
    priority                 INTEGER       NOT NULL,
    state                    NVARCHAR(16)  NOT NULL,
    job_name                 NVARCHAR(150) NULL,
    job_group                NVARCHAR(150) NULL,
    is_nonconcurrent         BIT           NULL,
    requests_recovery        BIT           NULL,
    execution_group          NVARCHAR(200) NULL,
    progress                 INTEGER       NULL,
    progress_message         NVARCHAR(250) NULL,
    interrupt_requested_time BIGINT        NULL,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE IF NOT EXISTS qrtz_scheduler_state
(
    sched_name        NVARCHAR(120) NOT NULL,
    instance_name     NVARCHAR(200) NOT NULL,
    last_checkin_time BIGINT        NOT NULL,
    checkin_interval  BIGINT        NOT NULL,
    quartz_version    NVARCHAR(20)  NULL,
    PRIMARY KEY (sched_name, instance_name)
);

CREATE TABLE IF NOT EXISTS qrtz_locks
(
    sched_name NVARCHAR(120) NOT NULL,
    lock_name  NVARCHAR(40)  NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);

-- SQLite applies ON DELETE CASCADE only on a connection with PRAGMA foreign_keys=ON; these triggers remove a
-- trigger's schedule row with it on any connection.

CREATE TRIGGER IF NOT EXISTS qrtz_delete_simple_trigger DELETE ON qrtz_triggers
BEGIN
    DELETE FROM qrtz_simple_triggers
    WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
END;

CREATE TRIGGER IF NOT EXISTS qrtz_delete_simprop_trigger DELETE ON qrtz_triggers
BEGIN
    DELETE FROM qrtz_simprop_triggers
    WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
END;

CREATE TRIGGER IF NOT EXISTS qrtz_delete_cron_trigger DELETE ON qrtz_triggers
BEGIN
    DELETE FROM qrtz_cron_triggers
    WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
END;

CREATE TRIGGER IF NOT EXISTS qrtz_delete_blob_trigger DELETE ON qrtz_triggers
BEGIN
    DELETE FROM qrtz_blob_triggers
    WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
END;

CREATE INDEX IF NOT EXISTS idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
CREATE INDEX IF NOT EXISTS idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time ASC, priority DESC, misfire_instr);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
CREATE INDEX IF NOT EXISTS idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);

-- Execution history: written only when the store is configured with UseExecutionHistory() (a dashboard over a
-- cluster). Unused today; created so that turning it on is a configuration change, not a migration.

CREATE TABLE IF NOT EXISTS qrtz_execution_history
(
    sched_name          NVARCHAR(120)  NOT NULL,
    entry_id            NVARCHAR(140)  NOT NULL,
    instance_name       NVARCHAR(200)  NOT NULL,
    job_name            NVARCHAR(150)  NOT NULL,
    job_group           NVARCHAR(150)  NOT NULL,
    trigger_name        NVARCHAR(150)  NOT NULL,
    trigger_group       NVARCHAR(150)  NOT NULL,
    fired_time          BIGINT         NOT NULL,
    run_time            BIGINT         NOT NULL,
    succeeded           BIT            NOT NULL,
    error_message       NVARCHAR(1000) NULL,
    retry_attempt       INTEGER        NOT NULL DEFAULT 0,
    retry_scheduled     BIT            NOT NULL DEFAULT 0,
    execution_log       TEXT           NULL,
    result              INTEGER        NULL,
    summary             NVARCHAR(1000) NULL,
    metrics             TEXT           NULL,
    manual              BIT            NULL,
    fire_instance_id    NVARCHAR(140)  NULL,
    job_input           TEXT           NULL,
    job_input_too_large BIT            NULL,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE IF NOT EXISTS qrtz_misfire_history
(
    sched_name    NVARCHAR(120) NOT NULL,
    entry_id      NVARCHAR(140) NOT NULL,
    instance_name NVARCHAR(200) NOT NULL,
    trigger_name  NVARCHAR(150) NOT NULL,
    trigger_group NVARCHAR(150) NOT NULL,
    job_name      NVARCHAR(150) NULL,
    job_group     NVARCHAR(150) NULL,
    misfire_time  BIGINT        NOT NULL,
    sched_time    BIGINT        NULL,
    reason        INTEGER       NULL,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE IF NOT EXISTS qrtz_job_status
(
    sched_name           NVARCHAR(120)  NOT NULL,
    job_group            NVARCHAR(150)  NOT NULL,
    job_name             NVARCHAR(150)  NOT NULL,
    first_fired_time     BIGINT         NOT NULL,
    last_fired_time      BIGINT         NOT NULL,
    last_result          INTEGER        NOT NULL,
    last_run_time        BIGINT         NOT NULL,
    last_instance_name   NVARCHAR(200)  NOT NULL,
    last_entry_id        NVARCHAR(140)  NULL,
    last_summary         NVARCHAR(1000) NULL,
    last_success_time    BIGINT         NULL,
    last_failure_time    BIGINT         NULL,
    last_failure_message NVARCHAR(1000) NULL,
    consecutive_failures INTEGER        NOT NULL DEFAULT 0,
    run_count            BIGINT         NOT NULL DEFAULT 0,
    failure_count        BIGINT         NOT NULL DEFAULT 0,
    PRIMARY KEY (sched_name, job_group, job_name)
);

CREATE INDEX IF NOT EXISTS idx_qrtz_eh_fired_time ON qrtz_execution_history (sched_name, fired_time);
CREATE INDEX IF NOT EXISTS idx_qrtz_eh_inst ON qrtz_execution_history (sched_name, instance_name);
CREATE INDEX IF NOT EXISTS idx_qrtz_eh_job_time ON qrtz_execution_history (sched_name, job_group, job_name, fired_time);
CREATE INDEX IF NOT EXISTS idx_qrtz_eh_fire_inst ON qrtz_execution_history (sched_name, fire_instance_id);
CREATE INDEX IF NOT EXISTS idx_qrtz_eh_trig_time ON qrtz_execution_history (sched_name, trigger_group, trigger_name, fired_time);
CREATE INDEX IF NOT EXISTS idx_qrtz_mh_misfire_time ON qrtz_misfire_history (sched_name, misfire_time);
CREATE INDEX IF NOT EXISTS idx_qrtz_mh_inst ON qrtz_misfire_history (sched_name, instance_name);
