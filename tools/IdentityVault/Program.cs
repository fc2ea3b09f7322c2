using System.Security.Cryptography;
using DaoVien.OnlineReception.Kernel.Sealing;

// Offline tool for the holder of the sealing private key (docs/adr/0004-sealed-identities.md; sealed recordings:
// 0043). It never talks to the network or the database: sealed values come in as arguments or on standard input,
// one per line; sealed files as paths.
return args switch
{
    ["keygen", "--out", var folder] => KeyGen(folder),
    ["open", "--key", var keyFile, .. var values] => Open(keyFile, values),
    ["open-file", "--key", var keyFile, var sealedFile, var outputFile] => await OpenFileAsync(keyFile, sealedFile, outputFile),
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
    // Created owner-only: never a moment with the default mode.
    using (var stream = new FileStream(privateFile, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
    using (var writer = new StreamWriter(stream))
    {
        writer.Write(privatePem);
    }

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

static async Task<int> OpenFileAsync(string keyFile, string sealedFile, string outputFile)
{
    var privatePem = await File.ReadAllTextAsync(keyFile);
    try
    {
        await using (var input = File.OpenRead(sealedFile))
        await using (var output = new FileStream(outputFile, FileMode.CreateNew, FileAccess.Write))
        {
            await SealedFile.OpenAsync(input, output, privatePem, CancellationToken.None);
        }

        return 0;
    }
    catch (CryptographicException ex)
    {
        // Nothing half-opened is left behind to be taken for the recording.
        File.Delete(outputFile);
        Console.Error.WriteLine($"cannot open {sealedFile} (wrong key, altered or cut short): {ex.Message}");
        return 1;
    }
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
          open-file --key PRIVATE.pem IN.sealed OUT   open a sealed file (a denunciation session's recording)
          fingerprint --public PUBLIC.pem  show a public key's fingerprint (as shown beside sealed values)
        """);
    return 64;
}
