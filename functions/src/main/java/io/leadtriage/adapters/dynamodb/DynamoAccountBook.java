package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.AccountBook;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.AccountMember;
import io.leadtriage.domain.Tier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An account is one item, {@code ACCOUNT#{domain}}, with one attribute per lead ({@code member:{leadId}}): a lead's
 * share is set by one UpdateItem on its own attribute, so the leads of one company arriving together never overwrite
 * each other (no read-modify-write, no version to contend on); the put answers the whole item as it stands after it.
 */
public final class DynamoAccountBook implements AccountBook {
    static final String MEMBER = "member:";
    static final String HOT_SINCE = "hotSince";
    private static final String MARK_HOT = "SET #hot = :at";
    private static final String NOT_HOT_YET = "attribute_exists(#pk) AND attribute_not_exists(#hot)";
    private final LeadsTable table;

    public DynamoAccountBook(LeadsTable table) {
        this.table = table;
    }

    @Override
    public Account put(String domain, AccountMember member) {
        Map<String, AttributeValue> item = table.update(r -> r
                .key(TableKeys.accountKey(domain))
                .updateExpression("SET #member = :member, #type = :type")
                .expressionAttributeNames(Map.of("#member", MEMBER + member.leadId(), "#type", TableKeys.TYPE))
                .expressionAttributeValues(Map.of(":member", memberValue(member), ":type", LeadItems.s("account")))
                .returnValues(ReturnValue.ALL_NEW));
        return account(domain, item);
    }

    @Override
    public Optional<Account> find(String domain) {
        return table.get(TableKeys.accountKey(domain)).map(item -> account(domain, item));
    }

    @Override
    public void remove(String domain, String leadId) {
        table.updateIf(r -> r
                .key(TableKeys.accountKey(domain))
                .updateExpression("REMOVE #member")
                .conditionExpression("attribute_exists(#member)")
                .expressionAttributeNames(Map.of("#member", MEMBER + leadId)));
    }

    @Override
    public boolean markHot(String domain, Instant at, OutboxItem alert) {
        Map<String, String> names = Map.of("#hot", HOT_SINCE, "#pk", TableKeys.PK);
        Map<String, AttributeValue> values = Map.of(":at", LeadItems.s(at.toString()));
        if (alert == null) {
            return table.updateIf(r -> r.key(TableKeys.accountKey(domain)).updateExpression(MARK_HOT)
                    .conditionExpression(NOT_HOT_YET).expressionAttributeNames(names).expressionAttributeValues(values))
                    .isPresent();
        }
        // The mark and its alert in one transaction: a mark without its alert would silence the account's episode. One
        // that meets another write of the account (a member's share put at the same moment) is tried again.
        return table.transactIfFirstHolds(List.of(
                table.writeUpdate(TableKeys.accountKey(domain), u -> u.updateExpression(MARK_HOT)
                        .conditionExpression(NOT_HOT_YET).expressionAttributeNames(names).expressionAttributeValues(values)),
                table.writePut(LeadItems.outboxItem(alert))), alert.leadId(), DynamoMessageLog.TRIES);
    }

    @Override
    public void clearHot(String domain) {
        table.updateIf(r -> r
                .key(TableKeys.accountKey(domain))
                .updateExpression("REMOVE #hot")
                .conditionExpression("attribute_exists(#hot)")
                .expressionAttributeNames(Map.of("#hot", HOT_SINCE)));
    }

    private static AttributeValue memberValue(AccountMember m) {
        return AttributeValue.fromM(Map.of("name", LeadItems.s(m.name()), "fit", LeadItems.n(m.fitPoints()),
                "behaviour", LeadItems.n(m.behaviourPoints()), "tier", LeadItems.s(m.tier().wireName()),
                "at", LeadItems.s(m.at().toString())));
    }

    private static Account account(String domain, Map<String, AttributeValue> item) {
        List<AccountMember> members = new ArrayList<>();
        item.forEach((name, value) -> {
            if (name.startsWith(MEMBER)) {
                Map<String, AttributeValue> m = value.m();
                members.add(new AccountMember(name.substring(MEMBER.length()), m.get("name").s(),
                        Integer.parseInt(m.get("fit").n()), Integer.parseInt(m.get("behaviour").n()),
                        Tier.valueOf(m.get("tier").s().toUpperCase(Locale.ROOT)), Instant.parse(m.get("at").s())));
            }
        });
        Instant hot = item.containsKey(HOT_SINCE) ? Instant.parse(item.get(HOT_SINCE).s()) : null;
        return new Account(domain, members, hot);
    }
}
