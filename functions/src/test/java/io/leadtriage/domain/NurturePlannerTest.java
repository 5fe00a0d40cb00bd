package io.leadtriage.domain;

import io.leadtriage.TestModels;
import io.leadtriage.domain.model.Sequence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class NurturePlannerTest {
    final NurturePlanner planner = new NurturePlanner(TestModels.defaultModel());

    @ParameterizedTest(name = "{0} with [{1}] → {2}")
    @CsvSource(delimiter = '|', value = {
            "WARM | lead-quality              | warm-lead-quality",
            "WARM | speed-to-lead             | warm-speed-to-lead",
            "WARM | attribution,lead-quality  | warm-lead-quality",
            "WARM | attribution               | warm",
            "WARM | ''                        | warm",
            "COLD | lead-quality              | cold",
            "COLD | ''                        | cold",
            "HOT  | lead-quality              | ''",
    })
    void theSequenceWhoseAudienceMatchesIsChosen(Tier tier, String painPoints, String expected) {
        Set<String> tags = Arrays.stream(painPoints.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        var qualification = new Qualification(Score.of(java.util.List.of()), tier, Stage.LEAD,
                java.util.Optional.empty(), "", tags, QualifierTest.NOW);

        assertThat(planner.sequenceFor(qualification).map(Sequence::id).orElse("")).isEqualTo(expected);
    }
}
