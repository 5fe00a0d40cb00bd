package io.leadtriage.app.outbox;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.domain.model.FormDefinition;

import java.util.List;

/**
 * The signed links emails carry. Unsubscribe links point at the API (they must work for 60 days at
 * least: they are signed for {@link TokenPurpose#UNSUBSCRIBE}'s validity); survey and form links point at the
 * landing site, whose pages post back to the API with the token.
 */
public final class EmailLinks {

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

    /** The double opt-in confirmation page (GET shows it; its button POSTs to the same URL and confirms). */
    public String confirm(LeadRecord lead) {
        return apiBase(lead) + "/v1/confirm?t=" + tokens.issue(TokenPurpose.CONFIRM, lead.id());
    }

    /** The unsubscribe page (GET shows it; POST to the same URL is the RFC 8058 one-click unsubscribe). */
    public String unsubscribe(LeadRecord lead) {
        return apiBase(lead) + "/v1/unsubscribe?t=" + tokens.issue(TokenPurpose.UNSUBSCRIBE, lead.id());
    }

    /** The sales alert's link where the rep records what happened (a page; choices are POSTed). */
    public String disposition(LeadRecord lead) {
        return apiBase(lead) + "/v1/alerts/disposition?t=" + tokens.issue(TokenPurpose.DISPOSITION, lead.id());
    }

    /**
     * The lead's record in the admin API, until a console exists: an unsigned link, which the admin routes
     * answer only for a signed request (AWS_IAM deployed, the admin token locally).
     */
    public String leadRecord(LeadRecord lead) {
        return apiBase(lead) + "/v1/admin/leads/" + lead.id();
    }

    public String survey(LeadRecord lead, String surveyId) {
        return site(lead) + "/survey.html?survey=" + surveyId + "&token="
                + tokens.issue(TokenPurpose.SURVEY, lead.id());
    }

    /** Back to step 2 of the lead's unfinished form, with a fresh continuation token. */
    public String finish(LeadRecord lead, FormDefinition form) {
        String step2 = form == null || form.step2Url() == null ? "/" : form.step2Url();
        String url = resolve(lead, step2);
        return TokenService.withToken(url, tokens.issue(TokenPurpose.FORM, lead.id()));
    }

    /** A page of the model (absolute, or relative to the lead's site). */
    public String onSite(LeadRecord lead, String url) {
        return url == null ? null : resolve(lead, url);
    }

    private String resolve(LeadRecord lead, String url) {
        return url.startsWith("/") ? site(lead) + url : url;
    }

    /**
     * The landing site of the lead's links: the first one, unless the API that took the lead also serves a site
     * (they share an origin, as in a local run reached as localhost or as 127.0.0.1): then that one, the origin the
     * visitor was on, where the page keeps its token.
     */
    private String site(LeadRecord lead) {
        String api = lead.apiBaseUrl() == null ? null : withoutSlash(lead.apiBaseUrl());
        for (String origin : siteOrigins) {
            if (withoutSlash(origin).equalsIgnoreCase(api)) {
                return withoutSlash(origin);
            }
        }
        return withoutSlash(siteOrigins.isEmpty() ? "" : siteOrigins.get(0));
    }

    private String apiBase(LeadRecord lead) {
        String base = lead.apiBaseUrl() != null ? lead.apiBaseUrl() : defaultApiBase;
        return base == null ? site(lead) : withoutSlash(base);
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
