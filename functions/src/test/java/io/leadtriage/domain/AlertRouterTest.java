package io.leadtriage.domain;

import io.leadtriage.TestModels;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRouterTest {
    static final List<String> DEPLOYMENT_DEFAULT = List.of("sales@yourcompany.com");
    static final QualificationModel ROUTED = io.leadtriage.config.ModelLoader.load(TestModels.withAlertRoutes(),
            "routed model");

    final Qualifier qualifier = new Qualifier(ROUTED, Clock.fixed(QualifierTest.NOW, ZoneOffset.UTC));
    final AlertRouter router = new AlertRouter(ROUTED, DEPLOYMENT_DEFAULT);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "companySize=1000+,country=DE            | enterprise    | enterprise@yourcompany.com",
            "country=DE                               | dach          | anna@yourcompany.com,ben@yourcompany.com,cara@yourcompany.com",
            "country=ch                               | dach          | anna@yourcompany.com,ben@yourcompany.com,cara@yourcompany.com",
            "industry=healthcare,country=US           | healthcare-us | hc1@yourcompany.com,hc2@yourcompany.com",
            "industry=healthcare,country=CA           | default       | sales@yourcompany.com",
            "country=FR                               | default       | sales@yourcompany.com",
            "''                                       | default       | sales@yourcompany.com",
    })
    void theFirstMatchingRouteWinsElseTheDefault(String answers, String route, String pool) {
        Lead lead = new Lead("L1", "jane@acme.io", Answers.of(parse(answers)), List.of());
        AlertRouting routing = router.route(lead, qualifier.qualify(lead));

        assertThat(routing.routeId()).isEqualTo(route);
        assertThat(routing.pool()).containsExactlyElementsOf(Arrays.asList(pool.split(",")));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "seats=250                                | big-teams     | teams@yourcompany.com",
            "seats=100,salesTeam=yes                  | big-teams     | teams@yourcompany.com",
            "seats=99                                 | default       | sales@yourcompany.com",
            "seats=5,salesTeam=no                     | no-sdr        | founders@yourcompany.com",
            "seats=5,salesTeam=NO                     | no-sdr        | founders@yourcompany.com"})
    void aRouteTestsTheModelsOwnQuestionsLikeAnyField(String answers, String route, String pool) {
        QualificationModel model = io.leadtriage.config.ModelLoader.load(TestModels.withQuestions().replace("routes: []",
                "routes:\n"
                        + "    - { id: big-teams, when: [{ field: seats, atLeast: 100 }], to: [teams@yourcompany.com] }\n"
                        + "    - { id: no-sdr, when: [{ field: salesTeam, in: [\"no\"] }], to: [founders@yourcompany.com] }"),
                "questions routed");
        Lead lead = new Lead("L1", "jane@acme.io", Answers.of(parse(answers)), List.of());

        AlertRouting routing = new AlertRouter(model, DEPLOYMENT_DEFAULT).route(lead,
                new Qualifier(model, Clock.fixed(QualifierTest.NOW, ZoneOffset.UTC)).qualify(lead));

        assertThat(routing.routeId()).isEqualTo(route);
        assertThat(routing.pool()).containsExactly(pool);
    }

    @Test
    void aRotatingRouteSendsEachAlertToOneRepInTurn() {
        Lead lead = new Lead("L1", "jane@acme.io", Answers.of(Map.of("country", "AT")), List.of());
        AlertRouting routing = router.route(lead, qualifier.qualify(lead));

        assertThat(routing.rotate()).isTrue();
        List<String> picked = IntStream.range(0, 6).mapToObj(turn -> routing.recipientsForTurn(turn))
                .map(r -> r.get(0)).toList();
        assertThat(picked).containsExactly("anna@yourcompany.com", "ben@yourcompany.com", "cara@yourcompany.com",
                "anna@yourcompany.com", "ben@yourcompany.com", "cara@yourcompany.com");
    }

    @Test
    void aNonRotatingRouteSendsToEveryone() {
        AlertRouting routing = new AlertRouting("x", List.of("a@x.io", "b@x.io"), false);
        assertThat(routing.recipientsForTurn(7)).containsExactly("a@x.io", "b@x.io");
    }

    @Test
    void theModelsDefaultListComesBeforeTheDeployments() {
        QualificationModel m = TestModels.edited("defaultTo: []", "defaultTo: [team@yourcompany.com]");
        Lead lead = new Lead("L1", "jane@acme.io", Answers.none(), List.of());
        AlertRouting routing = new AlertRouter(m, DEPLOYMENT_DEFAULT)
                .route(lead, new Qualifier(m, Clock.systemUTC()).qualify(lead));
        assertThat(routing.pool()).containsExactly("team@yourcompany.com");
    }

    @Test
    void escalationGoesToTheEscalationListElseTheDefault() {
        assertThat(router.escalationRecipients()).isEqualTo(DEPLOYMENT_DEFAULT);
        QualificationModel m = TestModels.edited("escalateTo: []", "escalateTo: [boss@yourcompany.com]");
        assertThat(new AlertRouter(m, DEPLOYMENT_DEFAULT).escalationRecipients())
                .containsExactly("boss@yourcompany.com");
    }

    private static Map<String, String> parse(String pairs) {
        Map<String, String> map = new HashMap<>();
        for (String pair : pairs.split(",")) {
            if (pair.contains("=")) {
                String[] kv = pair.split("=", 2);
                map.put(kv[0].strip(), kv[1].strip());
            }
        }
        return map;
    }
}
