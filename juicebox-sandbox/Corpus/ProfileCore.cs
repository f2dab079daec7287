using System.Runtime.CompilerServices;

namespace Juicebox.Sandbox.Corpus;

/// <summary>
/// The searchable part of a profile as vocabulary indices: about 30 bytes, so a million of them
/// fit comfortably in memory and a search scans them without generating strings.
/// </summary>
internal struct ProfileCore
{
    public const int MaxSkills = 8;

    public byte Profession;
    public byte SkillCount;
    public ushort FirstName;
    public ushort LastName;
    public ushort Title;
    public ushort Company;
    public ushort Location;
    public ushort Headline;
    public SkillSlots Skills;

    [InlineArray(MaxSkills)]
    public struct SkillSlots
    {
        private ushort _element;
    }
}
