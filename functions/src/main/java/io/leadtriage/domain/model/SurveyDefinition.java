package io.leadtriage.domain.model;

import java.util.List;

/** A follow-up survey reached from a nurture email: the fields it may update. */
public record SurveyDefinition(String title, List<String> fields, String thankYouUrl) {
    public SurveyDefinition {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
