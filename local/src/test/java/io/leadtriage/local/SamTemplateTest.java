package io.leadtriage.local;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(form.routes()).containsExactly(new SamTemplate.Route("POST", "/v1/forms/{formId}", "SubmitForm"));
        assertThat(form.environment()).containsEntry("LEADS_TABLE", "LeadsTable").containsKey("TOKEN_SIGNING_KEY")
                .containsEntry("ALLOWED_ORIGINS", "http://localhost:3000")
                .containsEntry("ALERT_RECIPIENTS", "sales@example.com")
                .containsEntry("SES_MAX_SEND_RATE", "14");
        assertThat(template.functions()).containsKeys("UnsubscribeFunction", "DispatchFunction", "SesEventFunction");
        assertThat(template.functions().get("UnsubscribeFunction").routes()).extracting(SamTemplate.Route::method)
                .containsExactlyInAnyOrder("GET", "POST");
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
