package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.local.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every function of template.yaml is a stream handler, so the Lambda runtime binds no JSON for any of them; for
 * the HTTP functions, {@code Class::handleRequest} names two overloads, and the runtime's rule picks the stream one.
 * Here, not in functions/, because it reads template.yaml, which `sam build` does not copy with functions/.
 */
class StreamHandlersTest {
    static final Path TEMPLATE = SamTemplate.locate();
    static final Pattern HANDLER = Pattern.compile("Handler:\\s*([\\w.]+)::(\\w+)");
    static final List<String> HTTP_FUNCTIONS = List.of("FormHandler", "SurveyHandler", "EventsHandler",
            "DispositionHandler", "UnsubscribeHandler", "AdminHandler", "ConsoleHandler");

    /** The handler classes of template.yaml, loaded without running their static initialisers. */
    static List<Class<?>> templateHandlers() throws IOException, ClassNotFoundException {
        Matcher m = HANDLER.matcher(Files.readString(TEMPLATE));
        List<Class<?>> classes = new ArrayList<>();
        while (m.find()) {
            assertThat(m.group(2)).as(m.group()).isEqualTo("handleRequest");
            classes.add(Class.forName(m.group(1), false, StreamHandlersTest.class.getClassLoader()));
        }
        return classes;
    }

    @Test
    void theTemplateNamesTheSevenHttpFunctionsAndTheThreeOthers() throws Exception {
        assertThat(templateHandlers()).extracting(Class::getSimpleName).containsAll(HTTP_FUNCTIONS).hasSize(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateHandlers")
    void everyFunctionIsAStreamHandlerAndNoneAPojoHandler(Class<?> handler) {
        assertThat(RequestStreamHandler.class).isAssignableFrom(handler);
        assertThat(RequestHandler.class.isAssignableFrom(handler)).as(handler + " is a RequestHandler").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateHandlers")
    void lambdaCallsTheStreamMethodForClassColonColonHandleRequest(Class<?> handler) {
        List<Method> candidates = Arrays.stream(handler.getMethods())
                .filter(m -> m.getName().equals("handleRequest"))
                .sorted(RUNTIME_PRIORITY)
                .toList();

        assertThat(candidates.get(0).getParameterTypes())
                .containsExactly(InputStream.class, OutputStream.class, Context.class);
        if (HTTP_FUNCTIONS.contains(handler.getSimpleName())) {
            assertThat(HttpFunction.class).isAssignableFrom(handler);
            assertThat(candidates).hasSize(2); // and the typed one, for tests and the local server
        }
    }

    /**
     * The order in which the Lambda Java runtime's EventHandlerLoader tries the public methods a handler string
     * names: non-bridge before bridge methods, then longer signatures first, a trailing Context counting as one
     * more parameter.
     */
    static final Comparator<Method> RUNTIME_PRIORITY = Comparator.<Method, Boolean>comparing(Method::isBridge)
            .thenComparing(Comparator.comparingInt(StreamHandlersTest::weight).reversed());

    static int weight(Method m) {
        Class<?>[] params = m.getParameterTypes();
        return params.length + (params.length > 0 && params[params.length - 1] == Context.class ? 1 : 0);
    }
}
