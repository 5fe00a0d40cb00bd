package io.leadtriage.domain;

import io.leadtriage.TestModels;
import io.leadtriage.domain.model.AccountRules;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An account's score: the best fit among its leads plus their behaviour, fading; tiered like a lead; which domains form one. */
class AccountTest {
    static final Instant NOW = QualifierTest.NOW;
    static final QualificationModel MODEL = TestModels.defaultModel();

    /** Members as "fit+behaviour@daysAgo:tier", separated by spaces. */
    static Account account(String members) {
        List<AccountMember> list = new ArrayList<>();
        int i = 0;
        for (String m : members.split(" ")) {
            String[] tier = m.split(":");
            String[] at = tier[0].split("@");
            String[] points = at[0].split("\\+");
            list.add(new AccountMember("L" + i++, "", Integer.parseInt(points[0]), Integer.parseInt(points[1]),
                    Tier.valueOf(tier[1]), NOW.minus(Duration.ofDays(Long.parseLong(at.length > 1 ? at[1] : "0")))));
        }
        return new Account("acme.io", list, null);
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "one lead is its own account               | 30+10:WARM                         | 40 | WARM | false",
            "the best fit, not the sum of fits         | 30+0:WARM 25+0:WARM 10+0:COLD      | 30 | WARM | false",
            "engagement adds up over the leads         | 30+0:WARM 0+10:COLD 0+10:COLD      | 50 | HOT  | false",
            "engagement fades with the half-life       | 30+0:WARM 0+10@30:COLD 0+10@30:COLD | 40 | WARM | false",
            "19/20: cold and warm as for a lead        | 0+9:COLD 0+10:COLD                 | 19 | COLD | false",
            "a hot lead makes a hot account            | 40+20:HOT 0+5:COLD                 | 65 | HOT  | true"})
    void anAccountScoresItsBestFitPlusItsLeadsEngagement(String what, String members, int score, Tier tier,
                                                          boolean anyLeadHot) {
        Account account = account(members);

        Account.Verdict verdict = account.verdictAt(NOW, MODEL.tiers(), MODEL.behaviour().halfLife());

        assertThat(verdict.score()).isEqualTo(score);
        assertThat(verdict.tier()).isEqualTo(tier);
        assertThat(account.anyLeadHot()).isEqualTo(anyLeadHot);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "acme-robotics.com   | acme-robotics.com",
            "EU.Acme.io          | eu.acme.io",
            "gmail.com           | -",
            "mail.yahoo.co.uk    | -",
            "mailinator.com      | -",
            "localhost           | -"})
    void aCompanyDomainFormsAnAccountFreeMailAndThrowawayDomainsDoNot(String emailDomain, String account) {
        assertThat(Account.domainFor(emailDomain, new AccountRules(null, null), MODEL.lists()))
                .isEqualTo(java.util.Optional.ofNullable(account));
    }
}
