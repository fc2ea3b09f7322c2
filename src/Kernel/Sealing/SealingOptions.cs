namespace DaoVien.OnlineReception.Kernel.Sealing;

/// <summary>
/// The public key denouncers' identities are sealed with (section <c>Sealing</c>). Only the public key is ever
/// configured here; the private key stays on the offline machine (tools/IdentityVault).
/// </summary>
public sealed class SealingOptions
{
    public const string Section = "Sealing";

    /// <summary>PEM (SubjectPublicKeyInfo). Empty: the app generates a demo pair on first start (docs/adr/0004-sealed-identities.md).</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>Alternatively, a file holding the PEM.</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>
    /// A demo or training install that knowingly keeps the generated private key in its data folder: it then stays
    /// healthy outside Development. Never on a server that receives real denunciations (docs/adr/0077).
    /// </summary>
    public bool AcceptPrivateKeyInDataFolder { get; set; }
}
