using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace DaoVien.OnlineReception.Web.Tests.Architecture;

/// <summary>
/// Which feature folder of a module uses which other (a folder is the first namespace segment under the module's root
/// namespace: <c>…Realtime.Lobby.LobbyBoard</c> is in <c>Lobby</c>). A type's uses are read from its declaration by
/// reflection (base type, interfaces, fields, properties, events, method and constructor signatures, generic arguments)
/// and from its method bodies' IL with System.Reflection.Metadata (every type, method and field token, locals, generic
/// method instantiations such as <c>GetRequiredService&lt;T&gt;()</c>). Types in the root namespace (the module's
/// composition and module-wide texts) and in <see cref="Hubs"/> belong to no folder: they use every folder by design.
/// </summary>
internal static class FolderGraph
{
    /// <summary>An edge from one folder to another, with one example use that makes it (for the failure message).</summary>
    internal sealed record Use(string From, string To, string Example);

    /// <summary>A set of folders that all reach each other, and one closed path through them (<c>[A, B, A]</c>).</summary>
    internal sealed record Cycle(IReadOnlyList<string> Path, IReadOnlySet<string> Folders);

    /// <summary>
    /// Folders that are the module's hubs by design, not features: its one DbContext and migrations name every feature's
    /// entities (docs/style.md rule 5), as the root namespace's composition names every feature's services.
    /// </summary>
    internal static readonly IReadOnlySet<string> Hubs = new HashSet<string>(StringComparer.Ordinal) { "Persistence" };

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>The folder-to-folder uses inside <paramref name="assembly"/>, whose root namespace is <paramref name="rootNamespace"/>.</summary>
    public static IReadOnlyList<Use> UsesIn(Assembly assembly, string rootNamespace)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var uses = new Dictionary<(string, string), string>();

        void Add(Type from, Type? to)
        {
            foreach (var used in Constituents(to))
            {
                if (used.Assembly == assembly && FolderOf(from.Namespace, rootNamespace) is { } a
                    && FolderOf(used.Namespace, rootNamespace) is { } b && a != b)
                {
                    uses.TryAdd((a, b), $"{Describe(from)} uses {Describe(used)}");
                }
            }
        }

        var types = assembly.GetTypes();
        foreach (var type in types)
        {
            Add(type, type.BaseType);
            foreach (var i in type.GetInterfaces())
            {
                Add(type, i);
            }

            foreach (var f in type.GetFields(Declared))
            {
                Add(type, f.FieldType);
            }

            foreach (var p in type.GetProperties(Declared))
            {
                Add(type, p.PropertyType);
            }

            foreach (var e in type.GetEvents(Declared))
            {
                Add(type, e.EventHandlerType);
            }

            foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if (m is MethodInfo method)
                {
                    Add(type, method.ReturnType);
                }

                foreach (var parameter in m.GetParameters())
                {
                    Add(type, parameter.ParameterType);
                }
            }
        }

        // Method bodies: the IL's tokens, resolved to this assembly's type definitions.
        var byName = types.Where(t => t.FullName is not null).ToDictionary(t => t.FullName!.Replace('+', '/'), StringComparer.Ordinal);
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var reader = pe.GetMetadataReader();
        var names = new TypeNames(reader);
        foreach (var handle in reader.TypeDefinitions)
        {
            if (!byName.TryGetValue(names.FullName(handle), out var from))
            {
                continue;
            }

            foreach (var methodHandle in reader.GetTypeDefinition(handle).GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue; // abstract, extern or interface method: no body
                }

                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                foreach (var used in UsedInBody(reader, body))
                {
                    if (byName.TryGetValue(names.FullName(used), out var to))
                    {
                        Add(from, to);
                    }
                }
            }
        }

        return [.. uses.Select(u => new Use(u.Key.Item1, u.Key.Item2, u.Value)).OrderBy(u => u.From, StringComparer.Ordinal).ThenBy(u => u.To, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The cycles of a directed graph, one per strongly connected component of more than one node (Tarjan), each with
    /// a closed path that starts and ends at the component's first node in ordinal order, e.g. <c>[A, B, C, A]</c>.
    /// </summary>
    public static IReadOnlyList<Cycle> FindCycles(IReadOnlyCollection<(string From, string To)> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();

        void Connect(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(to, out var visited))
                {
                    Connect(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], visited);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    components.Add(component);
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Connect(node);
        }

        return [.. components.Select(c => c.ToHashSet()).Select(c => new Cycle(PathThrough(c, next), c)).OrderBy(c => c.Path[0], StringComparer.Ordinal)];
    }

    /// <summary>A closed path inside one component: breadth-first from its first node back to it.</summary>
    private static List<string> PathThrough(HashSet<string> component, Dictionary<string, List<string>> next)
    {
        var start = component.Order(StringComparer.Ordinal).First();
        var cameFrom = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var to in (next.GetValueOrDefault(node) ?? []).Where(component.Contains))
            {
                if (to == start)
                {
                    var path = new List<string> { start };
                    for (var back = node; back != start; back = cameFrom[back])
                    {
                        path.Insert(1, back);
                    }

                    path.Add(start);
                    return path;
                }

                if (cameFrom.TryAdd(to, node))
                {
                    queue.Enqueue(to);
                }
            }
        }

        throw new InvalidOperationException("a strongly connected component without a cycle through its first node");
    }

    internal static string? FolderOf(string? ns, string rootNamespace)
    {
        if (ns is null || !ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(rootNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var folder = dot < 0 ? rest : rest[..dot];
        return Hubs.Contains(folder) ? null : folder;
    }

    private static string Describe(Type type) => type.FullName?.Split('`')[0].Replace('+', '.') ?? type.Name;

    /// <summary>The types a declared type is made of: itself, an array's element, a generic type's arguments.</summary>
    private static IEnumerable<Type> Constituents(Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var element in Constituents(type.GetElementType()))
            {
                yield return element;
            }

            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsConstructedGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Constituents))
            {
                yield return argument;
            }
        }
    }

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>Every type definition of this module a method body names: its locals, and each token its IL carries.</summary>
    private static List<TypeDefinitionHandle> UsedInBody(MetadataReader reader, MethodBodyBlock body)
    {
        var found = new List<TypeDefinitionHandle>();
        var provider = new DefinitionCollector();
        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null))
            {
                found.AddRange(local);
            }
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            switch (Operands[code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    found.AddRange(Resolve(reader, MetadataTokens.EntityHandle(il.ReadInt32()), provider));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32(); // read before the offset: `Offset += 4 * ReadInt32()` would lose the count
                    il.Offset += 4 * targets;
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    il.Offset += 4;
                    break;
            }
        }

        return found;
    }

    private static ImmutableArray<TypeDefinitionHandle> Resolve(MetadataReader reader, EntityHandle handle, DefinitionCollector provider) => handle.Kind switch
    {
        HandleKind.TypeDefinition => [(TypeDefinitionHandle)handle],
        HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null),
        HandleKind.MethodDefinition => [reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()],
        HandleKind.FieldDefinition => [reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()],
        HandleKind.MemberReference => Resolve(reader, reader.GetMemberReference((MemberReferenceHandle)handle).Parent, provider),
        HandleKind.MethodSpecification => MethodSpecification(reader, (MethodSpecificationHandle)handle, provider),
        _ => [],
    };

    private static ImmutableArray<TypeDefinitionHandle> MethodSpecification(MetadataReader reader, MethodSpecificationHandle handle, DefinitionCollector provider)
    {
        var specification = reader.GetMethodSpecification(handle);
        return [.. Resolve(reader, specification.Method, provider), .. specification.DecodeSignature(provider, null).SelectMany(a => a)];
    }

    /// <summary>Decodes a signature into the type definitions of this module it mentions (external types and primitives: none).</summary>
    private sealed class DefinitionCollector : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(a => a)];

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) => unmodifiedType;

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => [];

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => [];
    }

    /// <summary>Metadata names as reflection spells them (<c>Namespace.Outer/Nested</c> before the '+' swap).</summary>
    private sealed class TypeNames(MetadataReader reader)
    {
        private readonly Dictionary<TypeDefinitionHandle, string> _names = [];

        public string FullName(TypeDefinitionHandle handle)
        {
            if (_names.TryGetValue(handle, out var name))
            {
                return name;
            }

            var type = reader.GetTypeDefinition(handle);
            var own = reader.GetString(type.Name);
            var declaring = type.GetDeclaringType();
            name = declaring.IsNil
                ? (type.Namespace.IsNil ? own : reader.GetString(type.Namespace) + "." + own)
                : FullName(declaring) + "/" + own;
            _names[handle] = name;
            return name;
        }
    }
}
