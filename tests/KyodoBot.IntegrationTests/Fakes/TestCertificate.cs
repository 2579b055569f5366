using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KyodoBot.IntegrationTests.Fakes;

/// <summary>
/// The self-signed certificate the fake connector serves HTTPS with. The Bot Framework fetches OpenID metadata with a
/// static HttpClient that cannot be given a handler, so the test host trusts this certificate through
/// <c>SSL_CERT_FILE</c>, which <c>integration.runsettings</c> points at <see cref="PemPath"/>.
/// </summary>
public static class TestCertificate
{
    public const string PemPath = "/tmp/kyodobot-tests/fake-connector-cert.pem";
    private const string KeyPath = "/tmp/kyodobot-tests/fake-connector-key.pem";
    private static readonly Lazy<X509Certificate2> Shared = new(LoadOrCreate);

    public static X509Certificate2 Certificate => Shared.Value;

    private static X509Certificate2 LoadOrCreate()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PemPath)!);
        if (File.Exists(PemPath) && File.Exists(KeyPath))
        {
            try
            {
                var existing = X509Certificate2.CreateFromPemFile(PemPath, KeyPath);
                if (existing.NotAfter > DateTime.UtcNow.AddDays(1))
                {
                    return Exportable(existing);
                }
            }
            catch (CryptographicException)
            {
                // Unreadable leftovers: make a new pair.
            }
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));

        var temporaryKey = KeyPath + "." + Environment.ProcessId;
        var temporaryPem = PemPath + "." + Environment.ProcessId;
        File.WriteAllText(temporaryKey, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(temporaryPem, certificate.ExportCertificatePem());
        File.Move(temporaryKey, KeyPath, overwrite: true);
        File.Move(temporaryPem, PemPath, overwrite: true);
        return Exportable(certificate);
    }

    // Kestrel on Linux needs the key in a form it can use for TLS; a PKCS#12 round trip gives that.
    private static X509Certificate2 Exportable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
