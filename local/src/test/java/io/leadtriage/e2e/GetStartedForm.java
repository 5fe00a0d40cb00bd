package io.leadtriage.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

/** The sample landing page's two-step get-started form, filled in as a person does, with consent. */
final class GetStartedForm {
    private GetStartedForm() {
    }

    /**
     * Step 1 and step 2 on the page at {@code base}, then Finish; the caller waits for the page it expects next.
     *
     * @param step2 company, companySize, industry, role, budget and timeline (and phone, when given)
     * @param shots the screenshots' prefix, or null for none
     */
    static void fill(WebDriver browser, String base, String email, String name, String challenge,
                     Map<String, String> step2, String shots) throws Exception {
        browser.get(base + "/");
        HeadlessChromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("step1")));
        type(browser, "email", email);
        type(browser, "name", name);
        type(browser, "challenge", challenge);
        browser.findElement(By.id("consent")).click();
        screenshot(browser, shots, "-1-step1");
        browser.findElement(By.id("step1-submit")).click();

        HeadlessChromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("step2")));
        type(browser, "company", step2.get("company"));
        if (step2.containsKey("phone")) {
            type(browser, "phone", step2.get("phone"));
        }
        for (String field : List.of("companySize", "industry", "role", "budget", "timeline")) {
            new Select(browser.findElement(By.name(field))).selectByValue(step2.get(field));
        }
        screenshot(browser, shots, "-2-step2");
        browser.findElement(By.id("step2-submit")).click();
    }

    private static void type(WebDriver browser, String field, String text) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(text);
    }

    private static void screenshot(WebDriver browser, String shots, String suffix) throws Exception {
        if (shots != null) {
            HeadlessChromium.screenshot(browser, shots + suffix);
        }
    }
}
