package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every key, index and shared attribute name of the leads table, in one place: the item kinds with their keys, the
 * attributes that feed the indexes and the TTL, and the names the adapters' conditions and updates touch (names only
 * the item codec reads stay in {@link LeadItems}). The table itself is defined in template.yaml ({@code LeadsTable});
 * its name comes from the environment. The layout, why it is so and its access patterns are described, whole, in
 * docs/data-model.md; a test of the local module checks that every key prefix and index name built here is there.
 */
final class TableKeys {
    static final String PK = "pk";
    static final String SK = "sk";
    /** DynamoDB's TTL attribute (epoch seconds), as template.yaml's TimeToLiveSpecification names it. */
    static final String TTL = "expiresAt";
    /** The item kind, written on the lead's items (profile, timeline, outbox, message, email index, marker). */
    static final String TYPE = "type";
    /** Sent messages, and the outbox items that sent them, are kept this long after the send. */
    static final Duration MESSAGE_LIFETIME = Duration.ofDays(90);
    /** A rate counter is kept this long after its window ends. */
    static final Duration RATE_COUNTER_LIFETIME = Duration.ofHours(1);

    // Lead profile: the attributes conditions and updates touch.
    static final String VERSION = "version";
    static final String LEAD_ID = "leadId";
    static final String NURTURE = "nurture";
    static final String CONTACT = "contact";
    static final String LAST_MARKETING = "lastMarketingAt";
    static final String SALES = "sales";
    static final String FIRST_ALERT_SENT = "firstAlertSentAt";
    /** The report counters hold the lead (absent on a lead stored before they existed, until it is counted). */
    static final String COUNTED = "counted";

    // Outbox item.
    static final String STATE = "state";
    static final String ATTEMPTS = "attempts";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String LAST_ERROR = "lastError";
    static final String SEQUENCE_ID = "sequenceId";
    static final String STEP = "step";
    static final String SENT_AT = "sentAt";
    static final String SEND_ID = "sendId";
    static final String DISPOSITION = "disposition";
    static final String DISPOSITION_AT = "dispositionAt";
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String DROPPED = "dropped";
    /** A webhook delivery given up on, kept for a replay in the DueIndex's {@link #DEAD_LETTERS} shard. */
    static final String DEAD = "dead";

    // Sent message.
    static final String CLICKS = "clicks";
    static final String DELIVERED_AT = "deliveredAt";
    static final String BOUNCED_AT = "bouncedAt";
    static final String COMPLAINED_AT = "complainedAt";
    /** When the message's first click by a person was noted: set once, with its clicked figure. */
    static final String FIRST_CLICK_AT = "firstClickAt";
    /** The counters' backfill added what happened to the message before the email figures were kept. */
    static final String BACKFILLED = "backfilled";

    // Counters and model versions.
    static final String TURNS = "turns";
    static final String HITS = "hits";
    static final String ERASED = "erased";
    static final String CREATED_AT = "createdAt";
    static final String SHA256 = "sha256";
    static final String YAML = "yaml";
    static final String PREPARED = "prepared";

    // A model version's rescoring of the stored leads (and its lease: LEASE_UNTIL, HOLDER).
    static final String ALERT_NEWLY_HOT = "alertNewlyHot";
    static final String STARTED_AT = "startedAt";
    static final String FINISHED_AT = "finishedAt";
    static final String CURSOR = "cursor";
    static final String EXAMINED = "examined";
    static final String CHANGED = "changed";
    static final String TIER_CHANGES = "tierChanges";
    static final String NEWLY_HOT = "newlyHot";
    static final String HOLDER = "holder";

    // Report counters (CounterItems writes them) and their backfill (with STARTED_AT, FINISHED_AT, CURSOR, EXAMINED).
    private static final String COUNTS = "COUNTS#";
    static final String COUNTS_DAY = "DAY#";
    static final String COUNTS_CELL = "CELL#";
    static final String COUNTS_EMAIL = "EMAIL#";
    private static final String CALIBRATION = "CALIBRATION";
    static final String RULES = "rules";
    static final String COUNTED_LEADS = "countedLeads";
    static final String EMAILS_BEFORE = "emailsBefore";
    static final String COUNTED_EMAILS = "countedEmails";

    // Indexes.
    static final String DUE_INDEX = "DueIndex";
    static final String DUE_SHARD = "dueShard";
    static final String DUE_AT = "dueAt";
    static final String REVIEW_INDEX = "ReviewIndex";
    static final String REVIEW_SHARD = "reviewShard";
    static final String REVIEW_AT = "reviewAt";
    static final String LIST_SORT = "listSort";
    /** Shards of DueIndex and of ReviewIndex. */
    static final int SHARDS = 4;

    private static final String LEAD = "LEAD#";
    private static final String PROFILE = "PROFILE";
    static final String TIMELINE = "TL#";
    private static final String OUTBOX = "OUTBOX#";
    static final String MESSAGE = "MSG#";
    private static final String ONCE = "ONCE#";
    private static final String CONFIG = "CONFIG#model";
    static final String MODEL_VERSION = "V#";
    private static final String MODEL_IN_EFFECT = "CURRENT";
    private static final String RESCORING = "RESCORE#";
    private static final String DUE = "DUE#";
    /** Lead events' shards of the DueIndex, apart from the emails' ({@link #DUE}). */
    private static final String EVENTS_DUE = "EVENTS#";
    private static final String REVIEW = "REVIEW#";
    /**
     * The DueIndex's one shard of dead webhook deliveries, by when each was given up: few (a subscriber down for a
     * day), written once each, and listed oldest first by an operator.
     */
    static final String DEAD_LETTERS = "WEBHOOKS#DEAD";
    /** Fixed width, so that sort keys order as time does (Instant.toString drops trailing zeros). */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TableKeys() {
    }

    static String leadPartition(String leadId) {
        return LEAD + leadId;
    }

    /** The lead id of an item of a lead's partition (or of an index entry pointing at one). */
    static String leadIdOf(Map<String, AttributeValue> item) {
        return item.get(PK).s().substring(LEAD.length());
    }

    static Map<String, AttributeValue> profileKey(String leadId) {
        return key(leadPartition(leadId), PROFILE);
    }

    /** An email index entry, by a digest of the address: see {@link EmailIndex}. */
    static Map<String, AttributeValue> emailKey(String digest) {
        return key("EMAIL#" + digest, "EMAIL");
    }

    /** An unverified submission's id, pointing at its lead until the TTL removes it. */
    static Map<String, AttributeValue> unverifiedSubmissionKey(String submissionId) {
        return key("UNVERIFIED#" + submissionId, "UNVERIFIED");
    }

    static Map<String, AttributeValue> markerKey(String onceKey) {
        return key(ONCE + onceKey, "ONCE");
    }

    /** The key a marker item was stored under. */
    static String onceKeyOf(Map<String, AttributeValue> item) {
        return item.get(PK).s().substring(ONCE.length());
    }

    static Map<String, AttributeValue> outboxKey(String leadId, String outboxId) {
        return key(leadPartition(leadId), OUTBOX + outboxId);
    }

    static Map<String, AttributeValue> messageKey(String leadId, String sendId) {
        return key(leadPartition(leadId), MESSAGE + sendId);
    }

    /** A new timeline item's key: the random part keeps two writes of one millisecond apart. */
    static Map<String, AttributeValue> newTimelineKey(String leadId, Instant at) {
        return key(leadPartition(leadId), TIMELINE + sortable(at) + "#"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)));
    }

    static Map<String, AttributeValue> modelVersionKey(long version) {
        return key(CONFIG, String.format("%s%010d", MODEL_VERSION, version));
    }

    /** The rescoring of the stored leads a model version started. */
    static Map<String, AttributeValue> rescoringKey(long version) {
        return key(CONFIG, String.format("%s%010d", RESCORING, version));
    }

    static Map<String, AttributeValue> modelInEffectKey() {
        return key(CONFIG, MODEL_IN_EFFECT);
    }

    /** The model versions' partition, whose version items sort by version. */
    static String modelPartition() {
        return CONFIG;
    }

    static Map<String, AttributeValue> rateCounterKey(String key, long windowStartMillis) {
        return key("RATE#" + key + "#" + windowStartMillis, "RATE");
    }

    static Map<String, AttributeValue> roundRobinKey(String routeId) {
        return key("ROUTE#" + routeId, "ROUND_ROBIN");
    }

    /** An account: the leads of one company domain. */
    static Map<String, AttributeValue> accountKey(String domain) {
        return key("ACCOUNT#" + domain, "ACCOUNT");
    }

    /** The counters of the leads first seen in one month, in one of {@link #SHARDS} shards. */
    static String countsPartition(YearMonth month, int shard) {
        return COUNTS + month + "#" + shard;
    }

    /** The funnel counts of one day of first touch (in the lead's shard). */
    static Map<String, AttributeValue> countsDayKey(java.time.LocalDate day, int shard) {
        return key(countsPartition(YearMonth.from(day), shard), COUNTS_DAY + String.format("%02d", day.getDayOfMonth()));
    }

    /** The funnel counts of one month, form, source and campaign (in the lead's shard). */
    static Map<String, AttributeValue> countsCellKey(io.leadtriage.app.reports.Cohort cohort, int shard) {
        return key(countsPartition(YearMonth.from(cohort.day()), shard),
                COUNTS_CELL + cohort.form() + "#" + cohort.source() + "#" + cohort.campaign());
    }

    /**
     * The email figures of one day, kind and nurture sequence step (in the lead's shard):
     * {@code EMAIL#{dd}#{kind}}, and {@code #{sequenceId}#{step}} for a sequence's step.
     */
    static Map<String, AttributeValue> emailCountsKey(io.leadtriage.app.reports.EmailStep step, int shard) {
        return key(countsPartition(YearMonth.from(step.day()), shard), COUNTS_EMAIL
                + String.format("%02d", step.day().getDayOfMonth()) + "#" + step.kind()
                + (step.inSequence() ? "#" + step.sequenceId() + "#" + step.step() : ""));
    }

    /**
     * The day, kind and step an {@link #emailCountsKey} names, in its month; null for an item of the figures' first
     * version, {@code EMAIL#{sequenceId}#{step}} (a month's nurture sends of one step, with no day): the backfill counts
     * those sends again, by day, from the messages, and the reports leave these items out (docs/data-model.md).
     */
    static io.leadtriage.app.reports.EmailStep emailStepOf(YearMonth month, String sortKey) {
        String[] parts = sortKey.substring(COUNTS_EMAIL.length()).split("#", 3);
        if (parts.length == 2 && parts[1].chars().allMatch(Character::isDigit)) {
            return null;
        }
        java.time.LocalDate day = month.atDay(Integer.parseInt(parts[0]));
        if (parts.length < 3) {
            return new io.leadtriage.app.reports.EmailStep(day, parts[1], null, -1);
        }
        int cut = parts[2].lastIndexOf('#');
        return new io.leadtriage.app.reports.EmailStep(day, parts[1], parts[2].substring(0, cut),
                Integer.parseInt(parts[2].substring(cut + 1)));
    }

    static String calibrationPartition() {
        return CALIBRATION;
    }

    /** Won and lost of one month's leads with one set of rules fired: the set's SHA-256, cut to 16 bytes, in hex. */
    static Map<String, AttributeValue> calibrationKey(io.leadtriage.app.reports.RuleSet rules) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", rules.rules()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return key(CALIBRATION, rules.month() + "#" + java.util.HexFormat.of().formatHex(hash, 0, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The backfill of the report counters from the stored leads: its progress and lease. */
    static Map<String, AttributeValue> countsBackfillKey() {
        return key(COUNTS + "BACKFILL", "BACKFILL");
    }

    static Map<String, AttributeValue> erasuresKey() {
        return key("STATS", "ERASURES");
    }

    static String dueShard(String leadId) {
        return dueShard(shardOf(leadId));
    }

    static String dueShard(int shard) {
        return DUE + shard;
    }

    /** The DueIndex shard of a lead's events to publish. */
    static String eventShard(String leadId) {
        return eventShard(shardOf(leadId));
    }

    static String eventShard(int shard) {
        return EVENTS_DUE + shard;
    }

    /** The sort key prefix of a lead's event items in its partition. */
    static String eventItemsPrefix() {
        return OUTBOX + io.leadtriage.app.outbox.OutboxItem.EVENT_PREFIX;
    }

    static String reviewShard(String leadId) {
        return reviewShard(shardOf(leadId));
    }

    static String reviewShard(int shard) {
        return REVIEW + shard;
    }

    static int shardOf(String leadId) {
        return Math.floorMod(leadId.hashCode(), SHARDS);
    }

    static String sortable(Instant at) {
        return SORTABLE.format(at);
    }

    /** The listing indexes' sort key: newest first when read backwards; ties broken by id. */
    static String listSort(Instant createdAt, String leadId) {
        return sortable(createdAt) + "#" + leadId;
    }

    static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC));
    }

    /**
     * One of the three listing indexes: every lead, by tier, or by stage; each partition holds the leads
     * created in one month.
     */
    record Listing(String index, String partitionAttribute, String prefix) {
        static final String LIST_ALL = "listAll";
        static final String LIST_TIER = "listTier";
        static final String LIST_STAGE = "listStage";
        static final Listing ALL = new Listing("LeadsIndex", LIST_ALL, "LEADS#");

        static Listing of(Tier tier) {
            return new Listing("TierIndex", LIST_TIER, "TIER#" + tier.wireName() + "#");
        }

        static Listing of(Stage stage) {
            return new Listing("StageIndex", LIST_STAGE, "STAGE#" + stage.wireName() + "#");
        }

        /** The index a listing by tier and/or stage reads (either may be null): tier first, as it is narrower. */
        static Listing of(Tier tier, Stage stage) {
            return tier != null ? of(tier) : stage != null ? of(stage) : ALL;
        }

        String partition(YearMonth month) {
            return prefix + month;
        }
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
