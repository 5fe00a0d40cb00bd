package io.leadtriage.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** Calls one function's handler with an API Gateway event, as the Lambda runtime would. */
@FunctionalInterface
interface LambdaInvoker {
    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event);
}
