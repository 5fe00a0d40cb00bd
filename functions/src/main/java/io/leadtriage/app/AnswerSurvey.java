package io.leadtriage.app;

import io.leadtriage.domain.Answers;

import java.util.List;
import java.util.Optional;

/**
 * Follow-up survey answers from a nurture email's link: they update budget, authority, need and
 * timeline, and the lead is rescored like any other change (a move to hot alerts sales and stops nurture).
 */
public final class AnswerSurvey {
    private final LeadUpdates updates;

    public AnswerSurvey(LeadUpdates updates) {
        this.updates = updates;
    }

    /**
     * @param onceKey the client's submission id, or null
     * @throws UnknownLeadException when the lead the token names does not exist (erased)
     */
    public LeadUpdates.Applied answer(String leadId, String surveyId, Answers answers, String onceKey) {
        return updates.apply(LeadUpdates.Lookup.byId(leadId), onceKey == null ? null : "survey#" + surveyId + "#" + onceKey,
                (current, now) -> {
                    LeadRecord lead = current.orElseThrow(() -> new UnknownLeadException(leadId));
                    return Optional.of(new LeadUpdates.Draft(lead.withLead(lead.lead().withAnswers(answers)),
                            List.of(new TimelineEntry(now, TimelineEntry.SURVEY_ANSWERED, surveyId + ": "
                                    + String.join(", ", answers.asMap().keySet()))), LeadUpdates.Cause.survey(surveyId)));
                });
    }
}
