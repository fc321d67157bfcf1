using StatelessMind.Labs.MlOps.Reinforcement;

namespace StatelessMind.Labs.MlOps.Tests.Reinforcement;

public sealed class ValueIterationTests
{
    private const double Gamma = 0.9;

    [Theory]
    [Goal("3.2-4")]
    [InlineData("4x4")]
    [InlineData("8x8")]
    public void Without_slipping_the_optimal_value_is_gamma_to_the_shortest_path_minus_one(string name)
    {
        var map = name == "4x4" ? FrozenLakeMap.Standard4x4 : FrozenLakeMap.Standard8x8;
        var solution = MdpSolver.ValueIteration(new FrozenLakeEnv(map, isSlippery: false).Transitions, Gamma);
        var distance = DistancesToGoal(map);
        for (var s = 0; s < map.StateCount; s++)
        {
            // The reward 1 comes with the d-th move, so it is discounted d − 1 times; states that cannot reach G are worth 0.
            var expected = map.IsTerminal(s) || distance[s] < 0 ? 0 : Math.Pow(Gamma, distance[s] - 1);
            Assert.Equal(expected, solution.Values[s], 9);
        }
    }

    [Theory]
    [Goal("3.2-4")]
    [InlineData("4x4")]
    [InlineData("8x8")]
    public void On_slippery_ice_no_action_improves_on_the_values_and_the_greedy_policy_achieves_them(string name)
    {
        var map = name == "4x4" ? FrozenLakeMap.Standard4x4 : FrozenLakeMap.Standard8x8;
        var p = new FrozenLakeEnv(map, isSlippery: true).Transitions;
        var solution = MdpSolver.ValueIteration(p, Gamma);
        Assert.True(solution.Values[map.Start] > 0);
        for (var s = 0; s < map.StateCount; s++)
            for (var a = 0; a < FrozenLakeEnv.ActionCount; a++)
                Assert.True(MdpSolver.Backup(p[s][a], solution.Values, Gamma) <= solution.Values[s] + 1e-8, $"state {s}, action {a} improves on V*");
        // Evaluated independently (iterative policy evaluation of the fixed policy), the greedy policy is worth V*.
        var policyValues = MdpSolver.PolicyValues(p, solution.Policy, Gamma);
        for (var s = 0; s < map.StateCount; s++) Assert.Equal(solution.Values[s], policyValues[s], 7);
    }

    [Fact]
    [Goal("3.2-4")]
    public void Slippery_4x4_optimal_policy_avoids_the_holes_it_could_slide_into()
    {
        var p = new FrozenLakeEnv(FrozenLakeMap.Standard4x4, isSlippery: true).Transitions;
        var policy = MdpSolver.ValueIteration(p, 0.99).Policy;
        // State 6 has holes at 5 (left) and 7 (right). Up or Down slide into either; Left or Right risk only one.
        Assert.Contains(policy[6], new[] { FrozenLakeEnv.Left, FrozenLakeEnv.Right });
        // From the start, Left (sliding left, down or up) can never fall in and is Gymnasium's well-known optimal first move.
        Assert.Equal(FrozenLakeEnv.Left, policy[0]);
    }

    private static int[] DistancesToGoal(FrozenLakeMap map)
    {
        var distance = Enumerable.Repeat(-1, map.StateCount).ToArray();
        var queue = new Queue<int>();
        for (var s = 0; s < map.StateCount; s++)
            if (map.At(s) == 'G') { distance[s] = 0; queue.Enqueue(s); }
        while (queue.TryDequeue(out var s))
        {
            var (r, c) = (s / map.ColumnCount, s % map.ColumnCount);
            foreach (var (nr, nc) in new[] { (r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1) })
            {
                if (nr < 0 || nc < 0 || nr >= map.RowCount || nc >= map.ColumnCount) continue;
                var n = nr * map.ColumnCount + nc;
                if (distance[n] >= 0 || map.IsTerminal(n)) continue;
                distance[n] = distance[s] + 1;
                queue.Enqueue(n);
            }
        }
        return distance;
    }
}
