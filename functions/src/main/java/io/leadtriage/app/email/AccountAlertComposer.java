package io.leadtriage.app.email;

import com.samskivert.mustache.Template;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.AccountMember;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The alert for an account that turned hot while none of its leads is: "Hot account: acme.io · 3 leads · 62", the
 * account's score (its best fit and its leads' engagement) and each lead with its tier and points. Names are escaped
 * in the HTML; the subject carries only the domain, a count and the score.
 */
public final class AccountAlertComposer {
    /**
     * Compiled on the first account alert, not when the composer is built: every function that changes leads builds
     * one at init, and most starts send no account alert (SnapStart's priming renders one before the snapshot).
     */
    private static final class Templates {
        static final Template HTML = EmailTemplates.BUILT_IN_HTML.compile("""
                <p><strong>{{domain}}</strong> is hot as an account: {{score}} points ({{fit}} for fit, the best of its \
                leads, and {{engagement}} for what its {{count}} leads did lately), though none of them is hot on their own.</p>
                <ul>{{#members}}<li>{{name}}: {{tier}}, {{points}} points (lead {{leadId}})</li>{{/members}}</ul>
                <p>Call the most engaged first; the leads' records are in the admin API.</p>
                """);
        static final Template TEXT = EmailTemplates.BUILT_IN_TEXT.compile("""
                {{domain}} is hot as an account: {{score}} points ({{fit}} for fit, the best of its leads, and \
                {{engagement}} for what its {{count}} leads did lately), though none of them is hot on their own.

                {{#members}}
                - {{name}}: {{tier}}, {{points}} points (lead {{leadId}})
                {{/members}}

                Call the most engaged first; the leads' records are in the admin API.
                """);
    }

    private final String from;

    public AccountAlertComposer(String from) {
        this.from = Objects.requireNonNull(from, "from");
    }

    public OutgoingEmail compose(Account account, Account.Verdict verdict, List<String> recipients) {
        Map<String, Object> v = new HashMap<>();
        v.put("domain", account.domain());
        v.put("score", String.valueOf(verdict.score()));
        v.put("fit", String.valueOf(verdict.fit()));
        v.put("engagement", String.valueOf(verdict.engagement()));
        v.put("count", String.valueOf(account.members().size()));
        v.put("members", account.othersThan("").stream().map(AccountAlertComposer::member).toList());
        String subject = "Hot account: " + HeaderText.singleLine(account.domain()) + " · " + account.members().size()
                + " leads · " + verdict.score();
        return new OutgoingEmail(EmailKind.SALES_ALERT, from, recipients, null, subject, Templates.HTML.execute(v),
                Templates.TEXT.execute(v), Map.of());
    }

    private static Map<String, String> member(AccountMember m) {
        return Map.of("name", m.name().isEmpty() ? "A lead" : m.name(), "tier", m.tier().wireName(),
                "points", String.valueOf(m.fitPoints() + m.behaviourPoints()), "leadId", m.leadId());
    }
}
