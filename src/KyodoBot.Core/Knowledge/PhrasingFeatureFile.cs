using System.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// The phrasings' analysed features kept in one file between processes (docs/decisions/0080-phrasing-features-on-disk.md):
/// <c>phrasing-features-{signature}.bin</c> in the cache folder. The signature (<see cref="PhrasingFeatureCache.Signature"/>)
/// hashes the code and every vocabulary file, so a file is only ever read by the build that would compute the same
/// features; the phrasings themselves are keyed by their text. A file that cannot be read (missing, cut short, written
/// by another version) is no file: the features are computed and the file written again.
/// </summary>
internal static class PhrasingFeatureFile
{
    private const string Magic = "KyodoBot phrasing features 1";
    private const string Prefix = "phrasing-features-";
    private const string Extension = ".bin";

    public static string PathFor(string folder, string signature) => Path.Combine(folder, Prefix + signature + Extension);

    /// <summary>The features the file of <paramref name="signature"/> holds, or null when there is no readable file.</summary>
    public static Dictionary<string, Dictionary<string, double>>? Read(string folder, string signature)
    {
        var path = PathFor(folder, signature);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != signature)
            {
                return null;
            }

            var names = new string[reader.ReadInt32()];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.ReadString();
            }

            var count = reader.ReadInt32();
            var features = new Dictionary<string, Dictionary<string, double>>(count, StringComparer.Ordinal);
            for (var e = 0; e < count; e++)
            {
                var text = reader.ReadString();
                var size = reader.ReadInt32();
                var vector = new Dictionary<string, double>(size, StringComparer.Ordinal);
                for (var k = 0; k < size; k++)
                {
                    vector[names[reader.ReadInt32()]] = reader.ReadDouble();
                }

                features[text] = vector;
            }

            return features;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            return null; // cut short or damaged: analysed again and written anew
        }
    }

    /// <summary>
    /// Writes the features for <paramref name="signature"/> (to a temporary file first, then renamed, so that a reader
    /// never sees half a file) and removes the files of other signatures.
    /// </summary>
    public static void Write(string folder, string signature, IReadOnlyDictionary<string, Dictionary<string, double>> features)
    {
        Directory.CreateDirectory(folder);
        var path = PathFor(folder, signature);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = new List<string>();
            foreach (var name in features.Values.SelectMany(v => v.Keys))
            {
                if (ids.TryAdd(name, names.Count))
                {
                    names.Add(name);
                }
            }

            using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(signature);
                writer.Write(names.Count);
                names.ForEach(writer.Write);
                writer.Write(features.Count);
                foreach (var (text, vector) in features)
                {
                    writer.Write(text);
                    writer.Write(vector.Count);
                    foreach (var (name, weight) in vector)
                    {
                        writer.Write(ids[name]);
                        writer.Write(weight);
                    }
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // a no-op once moved
        }

        foreach (var old in Directory.EnumerateFiles(folder, Prefix + "*" + Extension).Where(f => f != path))
        {
            TryDelete(old);
        }

        // A process stopped while writing leaves its temporary file; one older than any write takes is removed.
        foreach (var left in Directory.EnumerateFiles(folder, Prefix + "*.tmp").Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow - AbandonedAfter))
        {
            TryDelete(left);
        }
    }

    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // another process may be reading it; the next write tries again
        }
    }
}
