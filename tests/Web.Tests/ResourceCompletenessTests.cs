using System.Text.RegularExpressions;
using System.Xml.Linq;
using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>
/// The English set is complete: every Vietnamese resource file has its <c>.en.resx</c> beside it with the same names,
/// the same placeholders in each text, and no Vietnamese left but the ward's own names and legal references.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    // Names that stay Vietnamese in English text: the ward, and the decree numbers' "NĐ-CP".
    private static readonly string[] ProperNouns = ["Đào Viên", "NĐ-CP"];

    public static TheoryData<string> VietnameseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.EndsWith(".en.resx", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    [Fact]
    public void EveryModuleHasItsTexts_InResourceFiles()
    {
        Assert.True(VietnameseFiles().Count >= 7, "the resource files were not found");
    }

    [Theory]
    [MemberData(nameof(VietnameseFiles))]
    public void EnglishSet_SameNamesAndPlaceholders_NoVietnameseLeft(string file)
    {
        var vietnamese = Texts(Path.Combine(RepositoryPaths.Root, file));
        var englishFile = Path.Combine(RepositoryPaths.Root, Path.ChangeExtension(file, ".en.resx"));
        Assert.True(File.Exists(englishFile), $"{file} has no English set beside it");
        var english = Texts(englishFile);

        Assert.Equal(vietnamese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        var problems = new List<string>();
        foreach (var (name, text) in vietnamese)
        {
            var translated = english[name];
            if (!Placeholders(text).SetEquals(Placeholders(translated)))
            {
                problems.Add($"{name}: placeholders {string.Join(',', Placeholders(text))} became {string.Join(',', Placeholders(translated))}");
            }

            var rest = ProperNouns.Aggregate(translated, (t, noun) => t.Replace(noun, "", StringComparison.Ordinal));
            if (VietnameseLetter().Match(rest) is { Success: true } letter)
            {
                problems.Add($"{name}: Vietnamese '{letter.Value}' in \"{translated}\"");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static Dictionary<string, string> Texts(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđĐ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();
}
