package io.leadtriage.app.outbox;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.domain.model.FormDefinition;

import java.time.Duration;
import java.util.List;

/**
 * The signed links emails carry. Unsubscribe links point at the API (they must work for 60 days at
 * least: they are signed for {@link #UNSUBSCRIBE_VALIDITY}); survey and form links point at the
 * landing site, whose pages post back to the API with the token.
 */
public final class EmailLinks {
    public static final Duration UNSUBSCRIBE_VALIDITY = Duration.ofDays(400);
    public static final Duration SURVEY_VALIDITY = Duration.ofDays(60);
    public static final Duration FORM_VALIDITY = Duration.ofDays(7);
    public static final Duration DISPOSITION_VALIDITY = Duration.ofDays(30);

    private final TokenService tokens;
    private final List<String> siteOrigins;
    private final String defaultApiBase;

    /**
     * @param siteOrigins    the landing sites (the first one hosts the survey page)
     * @param defaultApiBase the API's public URL when a lead has none recorded (may be null)
     */
    public EmailLinks(TokenService tokens, List<String> siteOrigins, String defaultApiBase) {
        this.tokens = tokens;
        this.siteOrigins = List.copyOf(siteOrigins);
        this.defaultApiBase = defaultApiBase;
    }

    /** The unsubscribe page (GET shows it; POST to the same URL is the RFC 8058 one-click unsubscribe). */
    public String unsubscribe(LeadRecord lead) {
        return apiBase(lead) + "/v1/unsubscribe?t=" + tokens.issue(TokenPurpose.UNSUBSCRIBE, lead.id(), UNSUBSCRIBE_VALIDITY);
    }

    /** The sales alert's link where the rep records what happened (a page; choices are POSTed). */
    public String disposition(LeadRecord lead) {
        return apiBase(lead) + "/v1/alerts/disposition?t=" + tokens.issue(TokenPurpose.DISPOSITION, lead.id(),
                DISPOSITION_VALIDITY);
    }

    /**
     * The lead's record in the admin API, until a console exists: an unsigned link, which the admin routes
     * answer only for a signed request (AWS_IAM deployed, the admin token locally).
     */
    public String leadRecord(LeadRecord lead) {
        return apiBase(lead) + "/v1/admin/leads/" + lead.id();
    }

    public String survey(LeadRecord lead, String surveyId) {
        return site() + "/survey.html?survey=" + surveyId + "&token="
                + tokens.issue(TokenPurpose.SURVEY, lead.id(), SURVEY_VALIDITY);
    }

    /** Back to step 2 of the lead's unfinished form, with a fresh continuation token. */
    public String finish(LeadRecord lead, FormDefinition form) {
        String step2 = form == null || form.step2Url() == null ? "/" : form.step2Url();
        String url = resolve(step2);
        return url + (url.contains("?") ? "&" : "?") + "token=" + tokens.issue(TokenPurpose.FORM, lead.id(), FORM_VALIDITY);
    }

    public String onSite(String url) {
        return url == null ? null : resolve(url);
    }

    private String resolve(String url) {
        return url.startsWith("/") ? site() + url : url;
    }

    private String site() {
        String origin = siteOrigins.isEmpty() ? "" : siteOrigins.get(0);
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    private String apiBase(LeadRecord lead) {
        String base = lead.apiBaseUrl() != null ? lead.apiBaseUrl() : defaultApiBase;
        if (base == null) {
            base = site();
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
