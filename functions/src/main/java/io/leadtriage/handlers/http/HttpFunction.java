package io.leadtriage.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function behind HTTP API routes (payload format 2.0). The handlers implement the typed
 * {@link #handleRequest(APIGatewayV2HTTPEvent, Context)}, which tests and the local HTTP server call directly;
 * Lambda calls the stream method, which reads the event with {@link HttpEventReader} and writes the answer with
 * {@link HttpResponseWriter}. For a {@code RequestHandler<APIGatewayV2HTTPEvent, …>} the runtime would instead
 * bind the JSON to those classes by reflection, with its own copy of Jackson data binding: a cost in every cold
 * start.
 *
 * <p>template.yaml names these functions {@code Class::handleRequest}, and that calls the stream method: given a
 * method name, the runtime's EventHandlerLoader ranks the public methods of that name by length of signature,
 * counting a trailing {@link Context} as one more parameter, so (InputStream, OutputStream, Context) ranks
 * above (APIGatewayV2HTTPEvent, Context) and is the one it calls.
 */
public abstract class HttpFunction implements RequestStreamHandler {
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpResponseWriter.write(handleRequest(HttpEventReader.read(input), context), output);
    }

    /** Serves one request. */
    public abstract APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context);
}
