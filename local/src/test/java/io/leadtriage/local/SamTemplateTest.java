package io.leadtriage.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamTemplateTest {
    final SamTemplate template = SamTemplate.read(SamTemplate.locate());

    @Test
    void tablesComeFromTheTemplate() {
        List<CreateTableRequest> tables = template.tables();
        assertThat(tables).extracting(CreateTableRequest::tableName).containsExactly("LeadsTable");
        assertThat(tables.get(0).keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("pk:HASH", "sk:RANGE");
        assertThat(tables.get(0).globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactly("DueIndex", "ReviewIndex", "LeadsIndex", "TierIndex", "StageIndex");
        assertThat(template.timeToLiveAttribute("LeadsTable")).isEqualTo("expiresAt");
    }

    @Test
    void functionsRoutesAndEnvironmentComeFromTheTemplate() {
        SamTemplate.FunctionDefinition form = template.functions().get("FormFunction");
        assertThat(form.handlerClass()).isEqualTo("io.leadtriage.handlers.FormHandler");
        assertThat(form.routes()).containsExactly(new SamTemplate.Route("POST", "/v1/forms/{formId}", "SubmitForm"),
                new SamTemplate.Route("GET", "/v1/forms/{formId}/questions", "FormQuestions"));
        assertThat(form.environment()).containsEntry("LEADS_TABLE", "LeadsTable")
                .containsEntry("ALLOWED_ORIGINS", "http://localhost:3000")
                .containsEntry("ALERT_RECIPIENTS", "sales@example.com")
                .containsEntry("SES_MAX_SEND_RATE", "14");
        assertThat(template.functions()).containsKeys("UnsubscribeFunction", "DispatchFunction", "SesEventFunction");
        assertThat(template.functions().get("UnsubscribeFunction").routes())
                .extracting(route -> route.method() + " " + route.path())
                .containsExactlyInAnyOrder("GET /v1/unsubscribe", "POST /v1/unsubscribe", "GET /v1/confirm", "POST /v1/confirm");
    }

    @Test
    void secretsReachTheFunctionsAsArnsOnlyWhereNeeded() {
        Map<String, SamTemplate.FunctionDefinition> functions = template.functions();
        // A !Ref of a secret reads as its logical id: the local runner maps it to a locally generated secret.
        for (String f : List.of("FormFunction", "SurveyFunction", "EventsFunction", "DispositionFunction",
                "UnsubscribeFunction", "DispatchFunction", "SesEventFunction")) {
            assertThat(functions.get(f).environment()).as(f).containsEntry("TOKEN_SIGNING_SECRET_ARN", "TokenSigningSecret");
        }
        assertThat(functions.get("AdminFunction").environment()).doesNotContainKey("TOKEN_SIGNING_SECRET_ARN");
        assertThat(functions.get("ReviewTiersFunction").environment()).doesNotContainKey("TOKEN_SIGNING_SECRET_ARN");
        assertThat(functions.get("EventsFunction").environment()).containsEntry("INGEST_KEY_SECRET_ARN", "IngestKeySecret");
        assertThat(functions).allSatisfy((name, f) -> {
            if (!name.equals("EventsFunction")) {
                assertThat(f.environment()).as(name).doesNotContainKey("INGEST_KEY_SECRET_ARN");
            }
        });
        // TurnstileSecret defaults to empty: HasTurnstile is false and the !If gives "".
        assertThat(template.condition("HasTurnstile")).isFalse();
        assertThat(functions.get("FormFunction").environment()).containsEntry("TURNSTILE_SECRET_ARN", "");
        assertThat(functions.values()).allSatisfy(f -> assertThat(f.environment()).as(f.logicalId())
                .doesNotContainKeys("TOKEN_SIGNING_KEY", "INGEST_KEY", "TURNSTILE_SECRET")
                .allSatisfy((variable, value) -> assertThat(value).as(variable).doesNotContain("{{resolve:")));
    }

    @Test
    void conditionsIfsAndNoValueResolveWithTheParameterDefaults(@TempDir Path dir) throws IOException {
        SamTemplate small = SamTemplate.read(write(dir, """
                Parameters:
                  Secret: {Type: String, Default: "", NoEcho: true}
                  Stage: {Type: String, Default: prod}
                  Origins: {Type: CommaDelimitedList, Default: "https://a.example,https://b.example"}
                Conditions:
                  HasSecret: !Not [!Equals [!Ref Secret, ""]]
                  IsProd: !Equals [prod, !Ref Stage]
                  ProdWithoutSecret: !And [!Condition IsProd, !Not [!Condition HasSecret]]
                  EitherOne: !Or [!Condition HasSecret, !Condition IsProd]
                Globals:
                  Function:
                    Environment:
                      Variables:
                        DROPPED_IN_PROD: !If [IsProd, !Ref "AWS::NoValue", kept]
                        OVERRIDDEN: global
                        ORIGINS: !Join [" ", !Ref Origins]
                Resources:
                  Key:
                    Type: AWS::SecretsManager::Secret
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler::handleRequest
                      Environment:
                        Variables:
                          SECRET_ARN: !If [HasSecret, !Ref Key, ""]
                          PROD_ONLY: !If [ProdWithoutSecret, chosen, other]
                          EITHER: !If [EitherOne, chosen, other]
                          OVERRIDDEN: own
                          OMITTED: !Ref AWS::NoValue
                          LITERAL_PARAMETER_NAME: Stage
                          TABLE: !GetAtt Table.Arn
                          NAME: !Sub ["${Stage}-${Id}-${Key}-${!Literal}", {Id: !Select [1, !Split ["/", "a/b/c"]]}]
                """));

        assertThat(small.condition("HasSecret")).isFalse();
        assertThat(small.condition("IsProd")).isTrue();
        assertThat(small.condition("ProdWithoutSecret")).isTrue();
        assertThat(small.condition("EitherOne")).isTrue();
        Map<String, String> env = small.functions().get("Fn").environment();
        assertThat(env).doesNotContainKeys("DROPPED_IN_PROD", "OMITTED")
                .containsEntry("SECRET_ARN", "")
                .containsEntry("PROD_ONLY", "chosen")
                .containsEntry("EITHER", "chosen")
                .containsEntry("OVERRIDDEN", "own")
                .containsEntry("ORIGINS", "https://a.example https://b.example")
                .containsEntry("LITERAL_PARAMETER_NAME", "Stage") // a plain string, not a !Ref: stays as written
                .containsEntry("TABLE", "Table.Arn")
                .containsEntry("NAME", "prod-b-Key-${Literal}");
        assertThatThrownBy(() -> small.condition("Missing")).hasMessageContaining("no condition Missing");
    }

    @Test
    void aConditionThatCannotBeEvaluatedLocallySaysSo(@TempDir Path dir) throws IOException {
        SamTemplate odd = SamTemplate.read(write(dir, """
                Conditions:
                  InUsEast1: !Equals [!Ref "AWS::Region", us-east-1]
                  Odd: !Contains [[a], a]
                """));
        assertThat(odd.condition("InUsEast1")).as("a pseudo parameter reads as its own name locally").isFalse();
        assertThatThrownBy(() -> odd.condition("Odd")).hasMessageContaining("only !Equals, !Not, !And, !Or and !Condition");
    }

    private static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("template.yaml"), yaml);
    }

    @Test
    void memorySizeIsTheFunctionsOwnElseTheGlobalOne() {
        assertThat(template.functions().get("FormFunction").memorySizeMb()).isEqualTo(1769);
        assertThat(template.functions().get("UnsubscribeFunction").memorySizeMb()).isEqualTo(1769);
        assertThat(template.functions().get("DispatchFunction").memorySizeMb()).isEqualTo(1024); // the Globals one
    }

    @Test
    void everyHandlerNamedInTheTemplateExists() throws ReflectiveOperationException {
        for (SamTemplate.FunctionDefinition f : template.functions().values()) {
            Class<?> handler = Class.forName(f.handlerClass());
            boolean lambdaHandler = com.amazonaws.services.lambda.runtime.RequestHandler.class.isAssignableFrom(handler)
                    || com.amazonaws.services.lambda.runtime.RequestStreamHandler.class.isAssignableFrom(handler);
            assertThat(lambdaHandler).as(f.handler()).isTrue();
            assertThat(handler.getConstructor(io.leadtriage.wiring.Services.class)).as("built with Services").isNotNull();
        }
    }
}
