using System.Security.Cryptography;
using DaoVien.OnlineReception.Scheduling.Sealing;

// Offline tool for the holder of the sealing private key (docs/adr/0004-sealed-identities.md). It never talks to
// the network or the database: sealed values come in as arguments or on standard input, one per line.
return args switch
{
    ["keygen", "--out", var folder] => KeyGen(folder),
    ["open", "--key", var keyFile, .. var values] => Open(keyFile, values),
    ["fingerprint", "--public", var publicFile] => Fingerprint(publicFile),
    _ => Usage(),
};

static int KeyGen(string folder)
{
    Directory.CreateDirectory(folder);
    var privateFile = Path.Combine(folder, "sealing-private-key.OFFLINE.pem");
    var publicFile = Path.Combine(folder, "sealing-public-key.pem");
    if (File.Exists(privateFile))
    {
        Console.Error.WriteLine($"{privateFile} already exists; refusing to overwrite a private key.");
        return 2;
    }

    var (privatePem, publicPem) = SealedBox.GenerateKeyPair();
    File.WriteAllText(privateFile, privatePem);
    File.SetUnixFileMode(privateFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    File.WriteAllText(publicFile, publicPem);
    Console.WriteLine($"private key (keep on this offline machine): {privateFile}");
    Console.WriteLine($"public key (configure on the server as Sealing:PublicKeyFile): {publicFile}");
    Console.WriteLine($"fingerprint: {SealedBox.Fingerprint(publicPem)}");
    return 0;
}

static int Open(string keyFile, string[] values)
{
    var privatePem = File.ReadAllText(keyFile);
    var inputs = values.Length > 0 ? values : ReadLines();
    var failed = 0;
    foreach (var value in inputs.Where(v => !string.IsNullOrWhiteSpace(v)))
    {
        try
        {
            Console.WriteLine(SealedBox.Open(value.Trim(), privatePem));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            Console.Error.WriteLine($"cannot open a value (wrong key or damaged): {ex.Message}");
            failed++;
        }
    }

    return failed == 0 ? 0 : 1;
}

static int Fingerprint(string publicFile)
{
    Console.WriteLine(SealedBox.Fingerprint(File.ReadAllText(publicFile)));
    return 0;
}

static string[] ReadLines()
{
    var lines = new List<string>();
    while (Console.In.ReadLine() is { } line)
    {
        lines.Add(line);
    }

    return [.. lines];
}

static int Usage()
{
    Console.Error.WriteLine("""
        IdentityVault — offline key tool for sealed denouncer identities
          keygen --out DIR                 generate a key pair (private key stays here)
          open --key PRIVATE.pem [VALUE…]  open sealed values (ds1.…), from arguments or stdin, one per line
          fingerprint --public PUBLIC.pem  show a public key's fingerprint (as shown beside sealed values)
        """);
    return 64;
}
