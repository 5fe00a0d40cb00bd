package io.leadtriage.app.email;

/**
 * The links one nurture email carries, made (and signed) by the caller for this lead.
 *
 * @param unsubscribePageUrl     the footer's link: a page that confirms the unsubscribe
 * @param oneClickUnsubscribeUrl where mail clients POST {@code List-Unsubscribe=One-Click} (RFC 8058)
 * @param surveyUrl              the follow-up survey; null when the email has none
 * @param finishUrl              step 2 of the lead's unfinished form; null when the email has none
 * @param bookingUrl             where to book a call; null when the email has none
 * @param confirmUrl             the double opt-in confirmation page; null when the email has none
 */
public record NurtureLinks(String unsubscribePageUrl, String oneClickUnsubscribeUrl, String surveyUrl,
                           String finishUrl, String bookingUrl, String confirmUrl) {
    public NurtureLinks {
        Links.requireWebAddress("unsubscribePageUrl", unsubscribePageUrl);
        Links.requireWebAddress("oneClickUnsubscribeUrl", oneClickUnsubscribeUrl);
        surveyUrl = Links.optionalWebAddress("surveyUrl", surveyUrl);
        finishUrl = Links.optionalWebAddress("finishUrl", finishUrl);
        bookingUrl = Links.optionalWebAddress("bookingUrl", bookingUrl);
        confirmUrl = Links.optionalWebAddress("confirmUrl", confirmUrl);
    }

    public NurtureLinks(String unsubscribePageUrl, String oneClickUnsubscribeUrl, String surveyUrl, String finishUrl,
                        String bookingUrl) {
        this(unsubscribePageUrl, oneClickUnsubscribeUrl, surveyUrl, finishUrl, bookingUrl, null);
    }

    /** These links with the double opt-in confirmation page. */
    public NurtureLinks withConfirmUrl(String url) {
        return new NurtureLinks(unsubscribePageUrl, oneClickUnsubscribeUrl, surveyUrl, finishUrl, bookingUrl, url);
    }
}
