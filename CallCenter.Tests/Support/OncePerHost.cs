namespace CallCenter.Tests.Support;

/// <summary>
/// Fixture data written once per host (a class fixture is shared by the tests of a class, which may run in any order):
/// the first caller seeds, the others wait for it and get what it returned.
/// </summary>
public sealed class OncePerHost<T>
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<CallCenterAppFactory, T> _seeded = new();

    public async Task<T> GetAsync(CallCenterAppFactory app, Func<Task<T>> seed)
    {
        await _gate.WaitAsync();
        try
        {
            if (_seeded.TryGetValue(app, out var existing)) return existing;
            var value = await seed();
            _seeded[app] = value;
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }
}
