namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

/// <summary>The bookable slots of a day: consecutive slots of the day's length from its start, at most its capacity.</summary>
internal static class ReceptionDaySlots
{
    public static IReadOnlyList<(TimeOnly Start, TimeOnly End)> For(ReceptionDay day) =>
        For(day.StartTime, day.EndTime, day.SlotMinutes, day.Capacity);

    public static IReadOnlyList<(TimeOnly Start, TimeOnly End)> For(TimeOnly start, TimeOnly end, int slotMinutes, int capacity)
    {
        var slots = new List<(TimeOnly, TimeOnly)>();
        var length = TimeSpan.FromMinutes(slotMinutes);
        for (var s = start; s.Add(length, out var wrapped) <= end && wrapped == 0 && slots.Count < capacity; s = s.Add(length))
        {
            slots.Add((s, s.Add(length)));
        }

        return slots;
    }
}
