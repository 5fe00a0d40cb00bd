package io.leadtriage.wiring;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How emails go out, from the template's parameters.
 *
 * @param senderAddress    the SES-verified From address
 * @param alertRecipients  the default sales alert list, when no routing rule of the model picks one
 * @param postalAddress    printed in every nurture email
 * @param configurationSet the SES configuration set whose event destination reports bounces and clicks
 * @param publicApiUrl     the API's public URL, for unsubscribe links; null to take it from each request
 * @param maxSendRate      sends per second the dispatcher stays under (the account's SES rate)
 */
public record EmailSettings(String senderAddress, String senderName, List<String> alertRecipients,
                            String postalAddress, String configurationSet, String publicApiUrl,
                            double maxSendRate) {
    public EmailSettings {
        alertRecipients = List.copyOf(alertRecipients);
    }

    static EmailSettings fromEnvironment(Map<String, String> env) {
        String publicUrl = env.get("PUBLIC_API_URL");
        return new EmailSettings(
                env.getOrDefault("SENDER_ADDRESS", "leads@example.com"),
                env.getOrDefault("SENDER_NAME", "leadtriage"),
                Arrays.stream(env.getOrDefault("ALERT_RECIPIENTS", "").split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList(),
                env.getOrDefault("POSTAL_ADDRESS", ""),
                blankToNull(env.get("SES_CONFIGURATION_SET")),
                blankToNull(publicUrl),
                Double.parseDouble(env.getOrDefault("SES_MAX_SEND_RATE", "14")));
    }

    /** Settings for local runs and tests: example addresses, no configuration set. */
    public static EmailSettings local(String publicApiUrl) {
        return new EmailSettings("leads@leadtriage.example", "leadtriage", List.of("sales@leadtriage.example"),
                "leadtriage, 1 Example Street, Springfield", null, publicApiUrl, 1000);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
