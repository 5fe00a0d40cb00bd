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

    @ParameterizedTest(name = "{0} after {2} email(s) of {1} → starts at step {3}")
    @CsvSource(delimiter = '|', value = {
            "cold              | ''                | 0 | 0",   // a first sequence starts at the top
            "cold              | warm              | 0 | 0",   // left before its welcome went out
            "cold              | warm              | 1 | 1",   // the welcome had: the customer story next
            "cold              | warm              | 2 | 2",   // welcome and customer story had
            "cold              | warm              | 3 | 3",   // every email of cold had already: nothing new
            "warm              | cold              | 1 | 1",
            "warm-lead-quality | warm              | 2 | 1",   // its playbook is new, whatever comes after
            "warm              | a-removed-one     | 2 | 0",   // a sequence the model no longer has: nothing known
    })
    void aLeadMovingFromAnotherSequenceStartsAtTheFirstEmailItHasNotHad(String joining, String left, int stepsHad,
                                                                       int first) {
        Sequence sequence = TestModels.defaultModel().nurture().sequences().stream()
                .filter(s -> s.id().equals(joining)).findFirst().orElseThrow();

        assertThat(planner.firstStepNotHad(sequence, left.isEmpty() ? null : left, stepsHad)).isEqualTo(first);
    }
}
