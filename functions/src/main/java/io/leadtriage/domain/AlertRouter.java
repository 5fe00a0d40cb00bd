package io.leadtriage.domain;

import io.leadtriage.domain.model.AlertRoute;
import io.leadtriage.domain.model.QualificationModel;

import java.util.List;

/**
 * Picks the recipients of a lead's sales alert: the first routing rule whose conditions all hold
 * (by industry, country, size or any answer), else the model's default list, else the deployment's.
 */
public final class AlertRouter {
    private final QualificationModel model;
    private final List<String> deploymentDefault;

    public AlertRouter(QualificationModel model, List<String> deploymentDefault) {
        this.model = model;
        this.deploymentDefault = List.copyOf(deploymentDefault);
    }

    public AlertRouting route(Lead lead, Qualification qualification) {
        LeadFacts facts = new LeadFacts(lead, qualification.role(), model.lists());
        if (model.alerts() != null) {
            for (AlertRoute route : model.alerts().routes()) {
                if (facts.testAll(route.when())) {
                    return new AlertRouting(route.id(), route.to(), route.rotates(), route.chat());
                }
            }
            List<String> pool = model.alerts().defaultTo().isEmpty() ? deploymentDefault : model.alerts().defaultTo();
            return new AlertRouting(AlertRouting.DEFAULT_ROUTE, pool, false, model.alerts().defaultChat());
        }
        return new AlertRouting(AlertRouting.DEFAULT_ROUTE, deploymentDefault, false);
    }

    /** Who gets an alert nobody accepted in time: the model's escalation list, else the default list. */
    public List<String> escalationRecipients() {
        if (model.alerts() != null && !model.alerts().escalateTo().isEmpty()) {
            return model.alerts().escalateTo();
        }
        return deploymentDefault;
    }
}
