package io.leadtriage.domain;

import io.leadtriage.domain.model.QuestionPool;
import io.leadtriage.domain.model.QuestionPool.PooledQuestion;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Progressive profiling's choice: what the lead has not told us, the most valuable first, at most the pool's limit. */
class NextQuestionsTest {
    /** "company:100 seats:50 …" in the pool's order. */
    static QuestionPool pool(String questions, Integer askAtMost) {
        List<PooledQuestion> pooled = new ArrayList<>();
        for (String q : questions.split(" ")) {
            String[] parts = q.split(":");
            pooled.add(new PooledQuestion(parts[0], Integer.parseInt(parts[1])));
        }
        return new QuestionPool(askAtMost, pooled);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "a new lead: the whole pool, by priority | company:100 budget:60 seats:50 phone:10 | -  |                                | - | company budget seats phone",
            "priorities, not the pool's order        | phone:10 seats:50 company:100 budget:60 | -  |                                | - | company budget seats phone",
            "equal priorities keep the pool's order  | seats:5 phone:5 budget:5                | -  |                                | - | seats phone budget",
            "what is known is not asked              | company:100 budget:60 seats:50 phone:10 | -  | company=Acme; seats=12         | - | budget phone",
            "at most askAtMost                       | company:100 budget:60 seats:50 phone:10 | 2  |                                | - | company budget",
            "at most askAtMost of the unknown        | company:100 budget:60 seats:50 phone:10 | 2  | company=Acme                   | - | budget seats",
            "everything known: nothing to ask        | company:100 seats:50                    | 3  | company=Acme; seats=3          | - | ",
            "a name from first and last name         | name:90 phone:10                        | -  | firstName=Sam; lastName=Lee    | - | phone",
            "a role the job title says is known      | role:80 budget:60                       | -  | jobTitle=CEO                   | decision_maker | budget",
            "a role not yet known is asked           | role:80 budget:60                       | -  | jobTitle=Barista               | - | role budget"})
    void asksWhatIsUnknownMostValuableFirst(String what, String questions, Integer askAtMost, String answers, String role,
                                           String asked) {
        Answers known = Answers.of(answers == null ? java.util.Map.of() : TableFields.of(answers));

        List<String> chosen = NextQuestions.choose(pool(questions, askAtMost), known, role == null ? "" : role);

        assertThat(chosen).isEqualTo(asked == null ? List.of() : Arrays.asList(asked.split(" ")));
    }
}
