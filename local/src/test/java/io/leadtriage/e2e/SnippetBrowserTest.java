package io.leadtriage.e2e;

import io.leadtriage.TestModelText;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Tier;
import io.leadtriage.local.LocalRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour snippet (site/leadtriage.js) in headless Chromium on the local run's sample site: after the visitor
 * filled the get-started form, the pages they open send their beacons with the browser's own sendBeacon, the events
 * route takes them, and the lead's signals, score and tier change as the model says. Screenshots land in
 * target/screenshots. Skipped, saying why, where chromium and chromedriver are absent. (Without a browser,
 * RequalificationTest runs the snippet under Node and posts what it would send.)
 */
class SnippetBrowserTest {
    static final String CHECKLIST = "/lead-scoring-checklist.svg";
    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun(SnippetBrowserTest::startCountingEachResourceOnce);

    /** Downloads as the shipped model counts them: each resource once (the tests' frozen model counts every one). */
    static LocalRunner startCountingEachResourceOnce() {
        return BrowserOnLocalRun.withModelText(TestModelText.replaceOnce(TestModelText.defaultText(), """
                    - signal: resource_download
                      points: 10
                """, """
                    - signal: resource_download
                      points: 10
                      oncePerItem: true
                      maxCounted: 3
                """));
    }

    /** Waits until the lead has {@code count} signals of this type, then reads it. */
    static LeadRecord once(String email, SignalType type, int count) {
        return site.untilTheLead(email, count + " " + type.wireName() + " beacon(s) recorded",
                lead -> signals(lead, type).size() >= count ? lead : null);
    }

    static List<Signal> signals(LeadRecord lead, SignalType type) {
        return lead.lead().signals().stream().filter(s -> s.type() == type).toList();
    }

    static List<String> breakdown(LeadRecord lead) {
        return lead.qualification().breakdown().stream().map(Object::toString).toList();
    }

    static void downloadTheChecklist(WebDriver browser) {
        browser.findElement(By.id("checklist")).click();
        HeadlessChromium.waiting(browser).until(ExpectedConditions.urlContains(CHECKLIST));
    }

    @Test
    void pageViewsThePricingPageAndADownloadReachTheLeadsScoreAndTheSameResourceCountsOnce() throws Exception {
        WebDriver browser = site.browser();
        String email = "sam+" + UUID.randomUUID().toString().substring(0, 8) + "@snippet-browser.io";
        // Nothing in the ideal customer profile, and no budget: -5 points, cold, before any page says more.
        GetStartedForm.fill(browser, site.baseUrl(), email, "Sam Snippet", "Slow follow-up",
                Map.of("company", "Snippet Co", "companySize", "1-10", "industry", "other", "role", "user",
                        "budget", "none", "timeline", "6m+"), null);
        HeadlessChromium.waiting(browser).until(ExpectedConditions.urlContains("/thank-you.html"));

        LeadRecord viewed = once(email, SignalType.PAGE_VIEW, 1);
        assertThat(signals(viewed, SignalType.PAGE_VIEW).get(0).detail()).isEqualTo("/thank-you.html");
        assertThat(breakdown(viewed)).contains("+5 viewed a page");
        assertThat(viewed.qualification().score()).isZero();
        assertThat(viewed.qualification().tier()).isEqualTo(Tier.COLD);

        browser.findElement(By.linkText("pricing")).click();
        HeadlessChromium.waiting(browser).until(ExpectedConditions.urlContains("/pricing.html"));
        HeadlessChromium.screenshot(browser, "snippet-1-pricing");
        LeadRecord pricing = once(email, SignalType.PRICING_PAGE_VIEW, 1);
        assertThat(breakdown(pricing)).contains("+20 viewed the pricing page");
        assertThat(pricing.qualification().score()).isEqualTo(20);
        assertThat(pricing.qualification().tier()).as("the pricing page view makes the lead warm").isEqualTo(Tier.WARM);

        downloadTheChecklist(browser);
        LeadRecord downloaded = once(email, SignalType.RESOURCE_DOWNLOAD, 1);
        assertThat(signals(downloaded, SignalType.RESOURCE_DOWNLOAD).get(0).detail())
                .as("the download is of the resource, not of the page its link is on").isEqualTo(CHECKLIST);
        assertThat(breakdown(downloaded)).contains("+10 downloaded a resource");
        assertThat(downloaded.qualification().score()).isEqualTo(30);

        // The same checklist again, from the thank-you page this time: it counts once.
        browser.get(site.baseUrl() + "/thank-you.html");
        downloadTheChecklist(browser);
        once(email, SignalType.RESOURCE_DOWNLOAD, 2);
        LeadRecord after = once(email, SignalType.PAGE_VIEW, 2);

        assertThat(signals(after, SignalType.RESOURCE_DOWNLOAD)).extracting(Signal::detail).containsOnly(CHECKLIST);
        assertThat(breakdown(after)).contains("+10 viewed a page (×2)", "+20 viewed the pricing page",
                "+10 downloaded a resource");
        assertThat(after.qualification().score()).isEqualTo(35);
        assertThat(after.qualification().tier()).isEqualTo(Tier.WARM);
        assertThat(site.emails("sales_alert", "Hot lead: Sam Snippet")).isEmpty();
    }
}
