package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.handlers.http.ApiError;
import io.leadtriage.wiring.Services;

import java.util.Map;

/** The admin reports: the funnel for a period, and scoring calibration from recorded outcomes. */
final class AdminReports {
    private final Services services;

    AdminReports(Services services) {
        this.services = services;
    }

    APIGatewayV2HTTPResponse funnel(APIGatewayV2HTTPEvent event) {
        throw new ApiError(501, "not_implemented", "The funnel report is not available yet.", Map.of());
    }

    APIGatewayV2HTTPResponse calibration() {
        throw new ApiError(501, "not_implemented", "Scoring calibration is not available yet.", Map.of());
    }
}
