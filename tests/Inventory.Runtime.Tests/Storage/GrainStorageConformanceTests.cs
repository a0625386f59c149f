namespace Inventory.Runtime.Tests.Storage;

/// <summary>The contract every <see cref="IGrainStorage"/> keeps; derive once per implementation.</summary>
public abstract class GrainStorageConformanceTests
{
    private const string State = "position";

    protected abstract IGrainStorage CreateStorage();

    [Fact]
    public async Task ReadingAMissingStateReturnsNull()
    {
        Assert.Null(await CreateStorage().ReadAsync<Sample>(State, "missing"));
    }

    [Fact]
    public async Task WritingWithExpectedVersionZeroCreatesVersionOne()
    {
        var storage = CreateStorage();

        var version = await storage.WriteAsync(State, "k", new Sample("a", 1), 0);
        var read = await storage.ReadAsync<Sample>(State, "k");

        Assert.Equal(1, version);
        Assert.Equal(new StoredState<Sample>(new Sample("a", 1), 1), read);
    }

    [Fact]
    public async Task WritingWithExpectedVersionZeroFailsWhenTheStateExists()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(State, "k", new Sample("a", 1), 0);

        await Assert.ThrowsAsync<VersionConflictException>(() => storage.WriteAsync(State, "k", new Sample("b", 2), 0));

        Assert.Equal("a", (await storage.ReadAsync<Sample>(State, "k"))!.State.Name);
    }

    [Fact]
    public async Task EveryWriteIncrementsTheVersion()
    {
        var storage = CreateStorage();

        var v1 = await storage.WriteAsync(State, "k", new Sample("a", 1), 0);
        var v2 = await storage.WriteAsync(State, "k", new Sample("a", 2), v1);
        var v3 = await storage.WriteAsync(State, "k", new Sample("a", 3), v2);

        Assert.Equal([1L, 2L, 3L], [v1, v2, v3]);
        Assert.Equal(new StoredState<Sample>(new Sample("a", 3), 3), await storage.ReadAsync<Sample>(State, "k"));
    }

    [Fact]
    public async Task WritingWithAStaleVersionFails()
    {
        var storage = CreateStorage();
        var v1 = await storage.WriteAsync(State, "k", new Sample("a", 1), 0);
        await storage.WriteAsync(State, "k", new Sample("a", 2), v1);

        await Assert.ThrowsAsync<VersionConflictException>(() => storage.WriteAsync(State, "k", new Sample("stale", 9), v1));

        Assert.Equal(2, (await storage.ReadAsync<Sample>(State, "k"))!.State.Quantity);
    }

    [Fact]
    public async Task WritingWithAVersionOfAMissingStateFails()
    {
        await Assert.ThrowsAsync<VersionConflictException>(() => CreateStorage().WriteAsync(State, "k", new Sample("a", 1), 3));
    }

    [Fact]
    public async Task OfConcurrentWritersWithTheSameVersionExactlyOneWins()
    {
        var storage = CreateStorage();
        var v1 = await storage.WriteAsync(State, "k", new Sample("a", 0), 0);

        var writes = Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await storage.WriteAsync(State, "k", new Sample("a", i), v1);
                return true;
            }
            catch (VersionConflictException)
            {
                return false;
            }
        }));

        Assert.Single(await Task.WhenAll(writes), won => won);
        Assert.Equal(2, (await storage.ReadAsync<Sample>(State, "k"))!.Version);
    }

    [Fact]
    public async Task DeleteRemovesTheStateAndANewStateStartsAtVersionOne()
    {
        var storage = CreateStorage();
        var v1 = await storage.WriteAsync(State, "k", new Sample("a", 1), 0);

        await storage.DeleteAsync(State, "k", v1);

        Assert.Null(await storage.ReadAsync<Sample>(State, "k"));
        Assert.Equal(1, await storage.WriteAsync(State, "k", new Sample("b", 1), 0));
    }

    [Fact]
    public async Task DeletingWithAStaleVersionFails()
    {
        var storage = CreateStorage();
        var v1 = await storage.WriteAsync(State, "k", new Sample("a", 1), 0);
        await storage.WriteAsync(State, "k", new Sample("a", 2), v1);

        await Assert.ThrowsAsync<VersionConflictException>(() => storage.DeleteAsync(State, "k", v1));

        Assert.NotNull(await storage.ReadAsync<Sample>(State, "k"));
    }

    [Fact]
    public async Task DeletingAMissingStateSucceedsOnlyWithExpectedVersionZero()
    {
        var storage = CreateStorage();

        await storage.DeleteAsync(State, "missing", 0);
        await Assert.ThrowsAsync<VersionConflictException>(() => storage.DeleteAsync(State, "missing", 1));
    }

    [Fact]
    public async Task StatesAreKeptApartByStateNameAndKey()
    {
        var storage = CreateStorage();

        await storage.WriteAsync(State, "k", new Sample("position", 1), 0);
        await storage.WriteAsync("other", "k", new Sample("other", 2), 0);
        await storage.WriteAsync(State, "k2", new Sample("k2", 3), 0);

        Assert.Equal("position", (await storage.ReadAsync<Sample>(State, "k"))!.State.Name);
        Assert.Equal("other", (await storage.ReadAsync<Sample>("other", "k"))!.State.Name);
        Assert.Equal("k2", (await storage.ReadAsync<Sample>(State, "k2"))!.State.Name);
    }

    [Fact]
    public async Task TheStoredCopyIsNotAliasedByWriterOrReader()
    {
        var storage = CreateStorage();
        var written = new MutableSample { Lines = ["a"] };
        await storage.WriteAsync(State, "k", written, 0);

        written.Lines.Add("changed after write");
        var read = (await storage.ReadAsync<MutableSample>(State, "k"))!.State;
        read.Lines.Add("changed after read");

        Assert.Equal(["a"], (await storage.ReadAsync<MutableSample>(State, "k"))!.State.Lines);
    }

    public sealed record Sample(string Name, int Quantity);

    public sealed class MutableSample
    {
        public List<string> Lines { get; set; } = [];
    }
}
