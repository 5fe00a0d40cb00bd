package io.leadtriage.testing.contract;

import io.leadtriage.app.ports.RoundRobin;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static io.leadtriage.testing.contract.ContractFixtures.atOnce;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link RoundRobin}: each route's turns count from 0, each taken once, however many take them at once. */
public interface RoundRobinContract extends StorageContract {

    @Test
    default void eachRouteCountsItsOwnTurnsFromZero() {
        assertThat(List.of(storage().turns().nextTurn("dach"), storage().turns().nextTurn("dach"),
                storage().turns().nextTurn("enterprise"), storage().turns().nextTurn("dach"))).containsExactly(0L, 1L, 0L, 2L);
    }

    @Test
    default void concurrentAlertsTakeEveryTurnOnce() {
        List<List<Long>> perThread = atOnce(4, () -> {
            List<Long> turns = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                turns.add(storage().turns().nextTurn("saas-team"));
            }
            return turns;
        });

        assertThat(perThread.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(
                LongStream.range(0, 40).boxed().toList());
    }
}
