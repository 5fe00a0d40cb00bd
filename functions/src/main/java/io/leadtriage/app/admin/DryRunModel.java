package io.leadtriage.app.admin;

import io.leadtriage.app.Budget;
import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.config.ModelException;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.Qualifier;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a candidate model would do to the stored leads before anyone applies it: each lead is qualified as of now with
 * the model in effect and with the candidate, and the leads whose tier or stage would change are counted (by
 * from → to) with a few examples. It reads every stored lead, so it goes a page at a time within a budget (an HTTP
 * request has 30 s) and answers the tally so far with a cursor to go on; the cursor carries the tally, so the
 * answer to the last request is the whole of it. It writes nothing.
 */
public final class DryRunModel {
    /** Examples in one answer. */
    public static final int EXAMPLES = 5;
    /** Leads read at a time. */
    static final int PAGE = 100;

    private final LeadQueries leads;
    private final ModelInEffect models;
    private final Clock clock;

    public DryRunModel(LeadQueries leads, ModelInEffect models, Clock clock) {
        this.leads = leads;
        this.models = models;
        this.clock = clock;
    }

    /**
     * A lead whose tier or stage the candidate changes.
     *
     * @param reasons each rule whose points the candidate changes for this lead
     */
    public record Example(String leadId, QualificationSummary inEffect, QualificationSummary candidate,
                          List<AsOfNow.RuleChange> reasons) {
    }

    /**
     * The tally so far.
     *
     * @param examined     leads read
     * @param tierChanges  leads whose tier the candidate changes
     * @param stageChanges leads whose stage the candidate changes
     * @param tiers        leads by tier change, e.g. {@code warm→hot}
     * @param stages       leads by stage change, e.g. {@code mql→sql}
     * @param examples     up to {@link #EXAMPLES} of the leads read by this request
     * @param cursor       to go on with; null when every lead was read
     */
    public record Tally(long examined, long tierChanges, long stageChanges, Map<String, Long> tiers,
                        Map<String, Long> stages, List<Example> examples, String cursor) {
        public boolean complete() {
            return cursor == null;
        }
    }

    /**
     * @param yaml   the candidate model, as a PUT would send it
     * @param cursor the previous answer's, or null to start
     * @throws ChangeModel.InvalidModel with every problem of the text
     * @throws Refusal                  a cursor of another candidate, or none of this dry run
     */
    public Tally run(String yaml, String cursor, Budget budget) {
        Qualifier candidate;
        try {
            candidate = new Qualifier(ModelLoader.load(yaml, "the model sent"), clock);
        } catch (ModelException e) {
            throw new ChangeModel.InvalidModel(e);
        }
        String modelId = Secrets.sha256Hex(yaml).substring(0, 16);
        Progress progress = cursor == null ? new Progress(modelId, null, 0, 0, 0, new TreeMap<>(), new TreeMap<>())
                : Progress.decode(cursor, modelId);
        Qualifier inEffect = models.refreshIfDue().qualifier();
        Instant now = clock.instant();
        List<Example> examples = new ArrayList<>();
        String position = progress.position();
        int read = 0;
        do {
            LeadPage page;
            try {
                page = leads.everyLead(PAGE, position, false);
            } catch (IllegalArgumentException e) {
                throw badCursor();
            }
            for (LeadRecord lead : page.leads()) {
                progress = progress.with(lead, inEffect, candidate, now, examples);
            }
            read += page.leads().size();
            position = page.nextCursor();
        } while (position != null && budget.allows(read));
        progress = progress.at(position);
        return new Tally(progress.examined(), progress.tierChanges(), progress.stageChanges(), progress.tiers(),
                progress.stages(), examples, position == null ? null : progress.encode());
    }

    private static Refusal badCursor() {
        return Refusal.invalidFields(Map.of("cursor", "is not a cursor of a dry run of this model; start without one"));
    }

    /** A dry run's tally and where it stopped, as the cursor carries them. */
    private record Progress(String modelId, String position, long examined, long tierChanges, long stageChanges,
                            TreeMap<String, Long> tiers, TreeMap<String, Long> stages) {
        Progress with(LeadRecord lead, Qualifier inEffect, Qualifier candidate, Instant now, List<Example> examples) {
            QualificationSummary was = QualificationSummary.of(inEffect.qualifyAt(lead.lead(), now));
            QualificationSummary would = QualificationSummary.of(candidate.qualifyAt(lead.lead(), now));
            boolean tier = was.tier() != would.tier();
            boolean stage = was.stage() != would.stage();
            if (tier) {
                tiers.merge(was.tier().wireName() + "→" + would.tier().wireName(), 1L, Long::sum);
            }
            if (stage) {
                stages.merge(was.stage().wireName() + "→" + would.stage().wireName(), 1L, Long::sum);
            }
            if ((tier || stage) && examples.size() < EXAMPLES) {
                examples.add(new Example(lead.id(), was, would, AsOfNow.changes(was.breakdown(), would.breakdown())));
            }
            return new Progress(modelId, position, examined + 1, tierChanges + (tier ? 1 : 0), stageChanges + (stage ? 1 : 0),
                    tiers, stages);
        }

        Progress at(String newPosition) {
            return new Progress(modelId, newPosition, examined, tierChanges, stageChanges, tiers, stages);
        }

        String encode() {
            String text = String.join("\n", modelId, position, String.valueOf(examined), String.valueOf(tierChanges),
                    String.valueOf(stageChanges), counts(tiers), counts(stages));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Progress decode(String cursor, String modelId) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
                if (parts.length != 7 || !parts[0].equals(modelId)) {
                    throw new IllegalArgumentException("another model's cursor");
                }
                return new Progress(modelId, parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                        Long.parseLong(parts[4]), counts(parts[5]), counts(parts[6]));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw badCursor();
            }
        }

        private static String counts(Map<String, Long> counts) {
            StringBuilder text = new StringBuilder();
            counts.forEach((change, n) -> text.append(text.length() == 0 ? "" : ",").append(change).append('=').append(n));
            return text.toString();
        }

        private static TreeMap<String, Long> counts(String text) {
            TreeMap<String, Long> counts = new TreeMap<>();
            if (!text.isEmpty()) {
                for (String pair : text.split(",")) {
                    int eq = pair.indexOf('=');
                    counts.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
                }
            }
            return counts;
        }
    }
}
