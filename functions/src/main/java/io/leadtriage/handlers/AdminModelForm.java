package io.leadtriage.handlers;

import io.leadtriage.config.ModelForm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model as a form, as JSON: each value with the path a change of it, and a problem about it, name. */
final class AdminModelForm {
    private AdminModelForm() {
    }

    static Map<String, Object> of(ModelForm.View view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tiers", view.tiers().stream().map(t -> {
            Map<String, Object> tier = new LinkedHashMap<>();
            tier.put("name", t.name());
            tier.put("path", t.path());
            tier.put("min", t.min());
            tier.put("max", t.max());
            return tier;
        }).toList());
        body.put("fit", rules(view.fit()));
        body.put("behaviour", rules(view.behaviour()));
        body.put("stages", view.stages());
        body.put("bantComplete", view.bantComplete());
        body.put("signals", view.signals());
        return body;
    }

    private static List<Map<String, Object>> rules(List<ModelForm.Rule> rules) {
        return rules.stream().map(r -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", r.id());
            rule.put("path", r.path());
            rule.put("when", r.when());
            rule.put("points", r.points());
            rule.put("reason", r.reason());
            return rule;
        }).toList();
    }
}
