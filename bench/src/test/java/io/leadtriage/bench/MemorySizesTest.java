package io.leadtriage.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MemorySizesTest {
    @ParameterizedTest(name = "{0} MB: one core 800 ms, two cores 500 ms -> {1} ms")
    @CsvSource({
            "1769, 800",     // one vCPU: the one-core figure
            "885, 1599.1",   // half a core: twice as long
            "3538, 500",     // two vCPUs: the two-core figure
            "2654, 649.9",   // halfway between one and two
            "10240, 500"})   // more cores than measured: no faster than two
    void coldStartFollowsTheShareOfACore(int memoryMb, double expectedMs) {
        assertThat(MemorySizes.coldStartMs(memoryMb, 800, 500)).isCloseTo(expectedMs, within(0.1));
    }

    @ParameterizedTest(name = "{0} MB, {1} ms warm, {2} ms cold -> ${3} per million")
    @CsvSource({
            "1024, 20, 1000, 0.3973",   // (20 × 0.99 + 1000 × 0.01) ms × 1 GB × price × 1e6
            "2048, 20, 1000, 0.7947",   // twice the memory, twice the price per ms
            "1024, 19.2, 1000, 0.3973", // Lambda bills whole milliseconds, rounded up
            "512, 20, 0, 0.1333"})
    void computeCostIsBilledMillisecondsTimesGigabytes(int memoryMb, double warmMs, double coldMs, double expected) {
        double coldShare = coldMs == 0 ? 0 : 0.01;
        assertThat(MemorySizes.computeDollarsPerMillion(memoryMb, warmMs, coldMs, coldShare))
                .isCloseTo(expected, within(0.0005));
    }
}
