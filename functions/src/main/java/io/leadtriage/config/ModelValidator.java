package io.leadtriage.config;

import io.leadtriage.domain.Fields;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Tier;
import io.leadtriage.domain.model.AccountRules;
import io.leadtriage.domain.model.AlertRoute;
import io.leadtriage.domain.model.Alerts;
import io.leadtriage.domain.model.Band;
import io.leadtriage.domain.model.Behaviour;
import io.leadtriage.domain.model.BehaviourRule;
import io.leadtriage.domain.model.Condition;
import io.leadtriage.domain.model.Disqualifier;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.domain.model.FitRule;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.domain.model.Nurture;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.model.Question;
import io.leadtriage.domain.model.QuestionPool;
import io.leadtriage.domain.model.QuestionType;
import io.leadtriage.domain.model.Sequence;
import io.leadtriage.domain.model.SequenceStep;
import io.leadtriage.domain.model.StageRules;
import io.leadtriage.domain.model.SurveyDefinition;
import io.leadtriage.domain.model.TierBands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks a parser cannot make: required values, references that must resolve (lists, templates,
 * pain points), tiers that leave no gap, values an enumerated field can take. Collects every problem
 * rather than stopping at the first, so one edit-and-check round fixes them all. It runs on what the binder could
 * bind, even when the binder found mistakes: a place the binder reported is not reported again (a value it could
 * not read is missing here), and each problem names its rule the way the binder did, with its line
 * ({@link ModelPlaces}).
 */
final class ModelValidator {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final List<ModelProblem> problems = new ArrayList<>();
    private final Set<String> ruleIds = new HashSet<>();
    private final ModelPlaces places;

    ModelValidator(ModelPlaces places) {
        this.places = places;
    }

    List<ModelProblem> problems() {
        return problems;
    }

    /** The model with defaults filled in (a behaviour rule's id is its signal's name). */
    QualificationModel validate(QualificationModel m) {
        checkTiers(m.tiers());
        checkQuestions(m.questions());
        m.lists().forEach((name, values) -> {
            if (values == null || values.stream().anyMatch(v -> v == null || v.isBlank())) {
                problem("lists." + name, "must be a list of values (use [] for an empty one)");
            }
        });
        for (int i = 0; i < m.fit().size(); i++) {
            checkFitRule(places.item("fit", i), m.fit().get(i), m);
        }
        Behaviour behaviour = checkBehaviour(m.behaviour());
        for (int i = 0; i < m.disqualify().size(); i++) {
            Disqualifier d = m.disqualify().get(i);
            String at = places.item("disqualify", i);
            required(at + ".id", d.id());
            condition(at + ".when", d.when(), m);
            required(at + ".reason", d.reason());
        }
        checkStages(m.stages(), m);
        m.roleFromJobTitle().forEach((role, words) -> {
            if (!Fields.ENUMERATED.get(Fields.ROLE).contains(role)) {
                problem("roleFromJobTitle." + role, "is not a role; roles are "
                        + String.join(", ", Fields.ENUMERATED.get(Fields.ROLE)));
            }
            keywords("roleFromJobTitle." + role, words);
        });
        m.painPoints().forEach((tag, words) -> {
            slug("painPoints." + tag, tag);
            keywords("painPoints." + tag, words);
        });
        checkAlerts(m.alerts(), m);
        checkAccounts(m.accounts(), m);
        m.forms().forEach((id, form) -> checkForm("forms." + id, id, form, behaviour, m));
        m.surveys().forEach((id, survey) -> checkSurvey("surveys." + id, id, survey, m));
        m.templates().forEach((id, t) -> checkTemplate("templates." + id, t));
        checkNurture(m.nurture(), m);
        return new QualificationModel(m.tiers(), m.lists(), m.fit(), behaviour, m.disqualify(), m.stages(),
                m.roleFromJobTitle(), m.painPoints(), m.alerts(), m.forms(), m.surveys(), m.nurture(),
                m.templates(), m.questions(), m.accounts());
    }

    /** Field names a question's id may not take: the built-in fields, and what a post carries beside the answers. */
    private static final Set<String> RESERVED = Set.of(Fields.EMAIL_DOMAIN, "consent", "submissionId", "type", "url",
            "eventId", "category", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "pageUrl",
            "referrer", "timezone");
    private static final Pattern QUESTION_ID = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");

    private void checkQuestions(List<Question> questions) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String at = places.item("questions", i);
            if (required(at + ".id", q.id())) {
                if (!QUESTION_ID.matcher(q.id()).matches()) {
                    problem(at + ".id", "'" + q.id() + "' is not a field name: a letter, then letters and digits"
                            + " (like seatCount), at most 40");
                } else if (Fields.ANSWER_FIELDS.contains(q.id()) || RESERVED.contains(q.id())) {
                    problem(at + ".id", "'" + q.id() + "' is a built-in field: give the question a name of its own");
                } else if (!ids.add(q.id())) {
                    problem(at + ".id", "'" + q.id() + "' names another question too");
                }
            }
            if (required(at + ".label", q.label()) && (q.label().contains("\n") || q.label().length() > 200)) {
                problem(at + ".label", "must be one line of at most 200 characters");
            }
            if (!required(at + ".type", q.type())) {
                continue;
            }
            if (q.type() == QuestionType.CHOICE) {
                checkOptions(at + ".options", q.options());
            } else if (!q.options().isEmpty()) {
                problem(at + ".options", "only a choice question has options");
            }
            if (q.type() != QuestionType.NUMBER && (q.min() != null || q.max() != null)) {
                problem(at + (q.min() != null ? ".min" : ".max"), "only a number question has min and max");
            }
            if (q.type() == QuestionType.NUMBER && q.min() != null && q.max() != null && q.min() > q.max()) {
                problem(at + ".min", "min " + q.min() + " is above max " + q.max());
            }
            if (q.maxLength() != null && q.type() != QuestionType.TEXT) {
                problem(at + ".maxLength", "only a text question has maxLength");
            } else if (q.maxLength() != null && (q.maxLength() < 1 || q.maxLength() > Question.LONGEST_TEXT)) {
                problem(at + ".maxLength", "must be between 1 and " + Question.LONGEST_TEXT);
            }
        }
    }

    private void checkOptions(String at, List<String> options) {
        if (options.isEmpty()) {
            problem(at, "a choice needs at least two options, like [spreadsheets, crm, nothing]");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String o : options) {
            if (o == null || o.isBlank() || o.length() > 100 || o.chars().anyMatch(Character::isISOControl)) {
                problem(at, "each option is one line of at most 100 characters");
            } else if (!seen.add(o.toLowerCase(java.util.Locale.ROOT))) {
                problem(at, "'" + o + "' is given twice");
            }
        }
        if (options.size() < 2) {
            problem(at, "a choice needs at least two options");
        }
    }

    /** A pool asks built-in answer fields (never email) and the model's questions, each once. */
    private void checkPool(String at, QuestionPool pool, QualificationModel m) {
        if (pool == null) {
            return;
        }
        if (pool.questions().isEmpty()) {
            problem(at + ".questions", "needs at least one question, like { field: budget, priority: 10 }");
        }
        if (pool.askAtMost() != null && pool.askAtMost() < 1) {
            problem(at + ".askAtMost", "must be 1 or more");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < pool.questions().size(); i++) {
            String field = pool.questions().get(i).field();
            String fieldAt = places.item(at + ".questions", i) + ".field";
            if (!required(fieldAt, field)) {
                continue;
            }
            if (Fields.EMAIL.equals(field)) {
                problem(fieldAt, "email is never asked again: the lead is known by it");
            } else if (!Fields.ANSWER_FIELDS.contains(field) && m.question(field).isEmpty()) {
                problem(fieldAt, "'" + field + "' is neither a built-in field nor a question under questions");
            } else if (!seen.add(field)) {
                problem(fieldAt, "'" + field + "' is in this pool twice");
            }
        }
    }

    private void checkTiers(TierBands tiers) {
        if (tiers == null || tiers.hot() == null || tiers.warm() == null || tiers.cold() == null) {
            problem("tiers", "needs hot, warm and cold, e.g. hot: { min: 50 }, warm: { min: 20, max: 49 },"
                    + " cold: { max: 19 }");
            return;
        }
        Band hot = tiers.hot();
        Band warm = tiers.warm();
        Band cold = tiers.cold();
        boolean complete = true;
        if (hot.min() == null || hot.max() != null) {
            problem("tiers.hot", "needs a min and no max (every score from min up is hot)");
            complete = false;
        }
        if (warm.min() == null || warm.max() == null) {
            problem("tiers.warm", "needs both min and max");
            complete = false;
        }
        if (cold.max() == null || cold.min() != null) {
            problem("tiers.cold", "needs a max and no min (every score up to max is cold)");
            complete = false;
        }
        if (!complete) {
            return;
        }
        if (warm.min() > warm.max()) {
            problem("tiers.warm", "min " + warm.min() + " is above max " + warm.max());
        }
        checkAdjacent("cold", cold.max(), "warm", warm.min());
        checkAdjacent("warm", warm.max(), "hot", hot.min());
    }

    /** Reported as a problem of the tiers, on the line of the lower band's max: where a gap or an overlap is fixed. */
    private void checkAdjacent(String lower, int lowerMax, String upper, int upperMin) {
        String line = "tiers." + lower + ".max";
        if (lowerMax + 1 < upperMin) {
            problem("tiers", line, "gap between " + lower + " (max " + lowerMax + ") and " + upper + " (min " + upperMin
                    + "): scores " + (lowerMax + 1) + (upperMin - 1 > lowerMax + 1 ? "–" + (upperMin - 1) : "")
                    + " would have no tier");
        } else if (lowerMax + 1 > upperMin) {
            problem("tiers", line, lower + " (max " + lowerMax + ") overlaps " + upper + " (min " + upperMin + ")");
        }
    }

    private void checkFitRule(String at, FitRule rule, QualificationModel m) {
        if (rule == null) {
            problem(at, "is empty");
            return;
        }
        ruleId(at + ".id", rule.id());
        condition(at + ".when", rule.when(), m);
        required(at + ".points", rule.points());
        required(at + ".reason", rule.reason());
    }

    private Behaviour checkBehaviour(Behaviour behaviour) {
        if (behaviour == null) {
            problem("behaviour", "is missing: it needs halfLife and rules");
            return null;
        }
        positive("behaviour.halfLife", behaviour.halfLife());
        List<BehaviourRule> rules = new ArrayList<>();
        for (int i = 0; i < behaviour.rules().size(); i++) {
            BehaviourRule r = behaviour.rules().get(i);
            String at = places.item("behaviour.rules", i);
            if (r == null) {
                problem(at, "is empty");
                continue;
            }
            if (r.signal() == null) {
                problem(at + ".signal", "is missing");
                continue;
            }
            // Named as the binder named it in paths: a category that is no slug is reported once, on the category
            String id = r.id() != null ? r.id() : (r.category() == null || !SLUG.matcher(r.category()).matches() ? ""
                    : r.category() + "-")
                    + r.signal().wireName().replace('_', '-');
            ruleId(at + ".id", id);
            required(at + ".points", r.points());
            required(at + ".reason", r.reason());
            if (r.maxCounted() != null && r.maxCounted() < 1) {
                problem(at + ".maxCounted", "must be 1 or more");
            }
            if (r.oncePer() != null) {
                positive(at + ".oncePer", r.oncePer());
            }
            checkSources(at + ".sources", r);
            checkCategory(at + ".category", r, behaviour.rules().subList(0, i));
            rules.add(new BehaviourRule(id, r.signal(), r.points(), r.maxCounted(), r.oncePer(), r.oncePerItem(),
                    r.sources(), r.reason(), r.category()));
        }
        return new Behaviour(behaviour.halfLife(), behaviour.lowTrustSources(), rules);
    }

    /** Sources the rule's signal can come from; a source that never sends it is a mistake, not a harmless extra. */
    private void checkSources(String at, BehaviourRule r) {
        if (r.sources() == null) {
            return;
        }
        if (r.sources().isEmpty()) {
            problem(at, "accepts no source, so the rule could never count; name at least one of: " + sourceNames()
                    + " (or remove the rule)");
        }
        for (SignalSource source : r.sources()) {
            if (!source.canSend(r.signal())) {
                problem(at, source == SignalSource.EMAIL
                        ? "email sends only email_click (SES click events), never " + r.signal()
                        : "a " + source + " can never send " + r.signal() + ": clicks come only from SES events (source email)");
            }
        }
    }

    /** A page category is a slug a page can carry, on a page view rule, named by one rule only (reported on the later). */
    private void checkCategory(String at, BehaviourRule r, List<BehaviourRule> earlier) {
        if (r.category() == null) {
            return;
        }
        if (r.signal() != SignalType.PAGE_VIEW) {
            problem(at, "only a page_view rule has a category (pages say theirs with data-leadtriage-page)");
        } else if (!SLUG.matcher(r.category()).matches()) {
            problem(at, "'" + r.category() + "' must be lower-case letters, digits and dashes");
        } else if ("pricing".equals(r.category())) {
            problem(at, "pricing pages send pricing_page_view: score them with a pricing_page_view rule");
        } else if (earlier.stream().anyMatch(o -> o != null && o.signal() == r.signal() && r.category().equals(o.category()))) {
            problem(at, "'" + r.category() + "' is the category of another page_view rule too");
        }
    }

    private static String sourceNames() {
        return java.util.Arrays.stream(SignalSource.values()).map(SignalSource::wireName)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private void checkStages(StageRules stages, QualificationModel m) {
        if (stages == null) {
            problem("stages", "is missing: it needs salesIntent, bantComplete and product");
            return;
        }
        for (int i = 0; i < stages.bantComplete().size(); i++) {
            condition(places.item("stages.bantComplete", i), stages.bantComplete().get(i), m);
        }
    }

    private void checkAlerts(Alerts alerts, QualificationModel m) {
        if (alerts == null) {
            problem("alerts", "is missing: it needs at least acceptWithin");
            return;
        }
        positive("alerts.acceptWithin", alerts.acceptWithin());
        emails("alerts.defaultTo", alerts.defaultTo());
        emails("alerts.escalateTo", alerts.escalateTo());
        webhookName("alerts.slack", alerts.slack());
        webhookName("alerts.teams", alerts.teams());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < alerts.routes().size(); i++) {
            AlertRoute route = alerts.routes().get(i);
            String at = places.item("alerts.routes", i);
            if (required(at + ".id", route.id()) && !ids.add(route.id())) {
                problem(at + ".id", "'" + route.id() + "' is used by another route");
            }
            if (route.to().isEmpty()) {
                problem(at + ".to", "needs at least one recipient");
            }
            emails(at + ".to", route.to());
            webhookName(at + ".slack", route.slack());
            webhookName(at + ".teams", route.teams());
            for (int j = 0; j < route.when().size(); j++) {
                condition(places.item(at + ".when", j), route.when().get(j), m);
            }
        }
    }

    private void checkAccounts(AccountRules accounts, QualificationModel m) {
        if (accounts == null) {
            return;
        }
        for (String list : accounts.excludeLists()) {
            if (!m.lists().containsKey(list) && !places.anyUnbound("lists")) {
                problem("accounts.excludeLists", "no list named '" + list + "' under lists (known: "
                        + String.join(", ", m.lists().keySet()) + ")");
            }
        }
        if (accounts.alert() != null) {
            if (accounts.alert().minLeads() != null && accounts.alert().minLeads() < 1) {
                problem("accounts.alert.minLeads", "must be 1 or more");
            }
            emails("accounts.alert.to", accounts.alert().to());
        }
    }

    /**
     * A chat webhook is named, never given: its URL is a credential, and the model is edited by marketers and returned
     * by the admin API. The name picks a URL from the chat webhooks secret.
     */
    private void webhookName(String at, String name) {
        if (name == null) {
            return;
        }
        if (name.contains("://")) {
            problem(at, "names a webhook of the chat webhooks secret; a URL does not belong in the model");
        } else if (!name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            problem(at, "'" + name + "' is not a webhook name (lower-case letters, digits, - and _)");
        }
    }

    private void checkForm(String at, String id, FormDefinition form, Behaviour behaviour, QualificationModel m) {
        slug(at, id);
        if (form == null) {
            problem(at, "is empty");
            return;
        }
        formSignal(at + ".signal", form, behaviour);
        if (form.steps() == null || (form.steps() != 1 && form.steps() != 2)) {
            problem(at + ".steps", "must be 1 or 2");
        }
        Set<String> askable = new HashSet<>(Fields.ANSWER_FIELDS);
        for (String extra : form.extraFields()) {
            if (extra == null || !extra.matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
                problem(at + ".extraFields", "'" + extra + "' is not a field name (letters, digits, _)");
            } else if (Fields.ANSWER_FIELDS.contains(extra)) {
                problem(at + ".extraFields", "'" + extra + "' is a standard field already");
            }
            askable.add(extra);
        }
        checkPool(at + ".pool", form.pool(), m);
        checkPool(at + ".step2Pool", form.step2Pool(), m);
        if (!form.twoStep() && form.step2Pool() != null) {
            problem(at + ".step2Pool", "only a form with steps: 2 has a second step");
        }
        askable.addAll(form.pooledFields());
        if (!form.required().contains(Fields.EMAIL)) {
            problem(at + ".required", "must include email (one lead per email address)");
        }
        fieldsIn(at + ".required", form.required(), askable);
        fieldsIn(at + ".step2Required", form.step2Required(), askable);
        if (!form.twoStep() && !form.step2Required().isEmpty()) {
            problem(at + ".step2Required", "only a form with steps: 2 has a second step");
        }
        if (form.twoStep()) {
            url(at + ".step2Url", form.step2Url(), true);
        }
        url(at + ".thankYouUrl", form.thankYouUrl(), true);
        url(at + ".bookingUrl", form.bookingUrl(), false);
        if (form.consent() == null) {
            problem(at + ".consent", "is missing: it needs version and text");
        } else {
            required(at + ".consent.version", form.consent().version());
            required(at + ".consent.text", form.consent().text());
        }
    }

    /** A form's signal must be one a form can report, and accepted from a form by the rules that score it. */
    private void formSignal(String at, FormDefinition form, Behaviour behaviour) {
        if (form.signal() == null) {
            return;
        }
        if (!SignalSource.FORM.canSend(form.signal())) {
            problem(at, "a form can never send " + form.signal() + ": clicks come only from SES events");
        } else if (behaviour != null && !places.explained("behaviour")
                && !behaviour.acceptedSources(form.signal()).contains(SignalSource.FORM)) {
            problem(at, form.signal() + " is not accepted from a form: add form to the sources of the behaviour rules"
                    + " for " + form.signal());
        }
    }

    private void checkSurvey(String at, String id, SurveyDefinition survey, QualificationModel m) {
        slug(at, id);
        if (survey == null) {
            problem(at, "is empty");
            return;
        }
        if (survey.fields().isEmpty() && survey.pool() == null) {
            problem(at + ".fields", "needs at least one field (or a pool)");
        }
        if (survey.fields().contains(Fields.EMAIL)) {
            problem(at + ".fields", "cannot change email: the survey link already identifies the lead");
        }
        Set<String> answerable = new HashSet<>(Fields.ANSWER_FIELDS);
        m.questions().forEach(q -> answerable.add(q.id()));
        fieldsIn(at + ".fields", survey.fields(), answerable);
        checkPool(at + ".pool", survey.pool(), m);
        url(at + ".thankYouUrl", survey.thankYouUrl(), true);
    }

    private void checkTemplate(String at, EmailTemplate t) {
        if (t == null) {
            problem(at, "is empty: it needs subject, html and text");
            return;
        }
        required(at + ".subject", t.subject());
        required(at + ".html", t.html());
        required(at + ".text", t.text());
        if (t.subject() != null && (t.subject().contains("\n") || t.subject().contains("\r"))) {
            problem(at + ".subject", "must be one line");
        }
    }

    private void checkNurture(Nurture nurture, QualificationModel m) {
        if (nurture == null) {
            problem("nurture", "is missing: it needs maxPerDay and sequences");
            return;
        }
        if (nurture.maxPerDay() == null || nurture.maxPerDay() < 1) {
            problem("nurture.maxPerDay", "must be 1 or more");
        }
        if (nurture.reminder() != null) {
            positive("nurture.reminder.after", nurture.reminder().after());
            template("nurture.reminder.template", nurture.reminder().template(), m);
        }
        if (nurture.doubleOptIn() != null) {
            String at = "nurture.doubleOptIn.template";
            template(at, nurture.doubleOptIn().template(), m);
            EmailTemplate confirm = m.templates().get(nurture.doubleOptIn().template());
            if (confirm != null && (!String.valueOf(confirm.html()).contains("{{confirmUrl}}")
                    || !String.valueOf(confirm.text()).contains("{{confirmUrl}}"))) {
                problem(at, "the template '" + nurture.doubleOptIn().template() + "' must carry {{confirmUrl}} in its"
                        + " html and its text: it is the link that confirms the subscription");
            }
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < nurture.sequences().size(); i++) {
            Sequence s = nurture.sequences().get(i);
            String at = places.item("nurture.sequences", i);
            if (s == null) {
                problem(at, "is empty");
                continue;
            }
            if (required(at + ".id", s.id()) && !ids.add(s.id())) {
                problem(at + ".id", "'" + s.id() + "' is used by another sequence");
            }
            if (s.audience() == null || s.audience().tiers().isEmpty()) {
                problem(at + ".audience.tiers", "needs warm, cold or both");
            } else {
                if (s.audience().tiers().contains(Tier.HOT)) {
                    problem(at + ".audience.tiers", "hot leads are not nurtured: sales takes them over");
                }
                for (String p : s.audience().painPoints()) {
                    if (!m.painPoints().containsKey(p) && !places.anyUnbound("painPoints")) {
                        problem(at + ".audience.painPoints", "no pain point named '" + p + "' (known: "
                                + String.join(", ", m.painPoints().keySet()) + ")");
                    }
                }
            }
            if (s.steps().isEmpty()) {
                problem(at + ".steps", "needs at least one step");
            }
            for (int j = 0; j < s.steps().size(); j++) {
                SequenceStep step = s.steps().get(j);
                String stepAt = places.item(at + ".steps", j);
                if (step.after() == null || step.after().isNegative()) {
                    problem(stepAt + ".after", "needs a duration of zero or more, e.g. PT0S or P3D");
                }
                template(stepAt + ".template", step.template(), m);
            }
        }
    }

    private void condition(String at, Condition c, QualificationModel m) {
        if (c == null) {
            problem(at, "is missing: a condition like { field: budget, in: [approved] }");
            return;
        }
        if (c.field() == null) {
            problem(at + ".field", "is missing");
            return;
        }
        Question question = m.question(c.field()).orElse(null);
        if (!Fields.CONDITION_FIELDS.contains(c.field()) && question == null) {
            problem(at + ".field", "'" + c.field() + "' is not a field rules can read (known: "
                    + String.join(", ", Fields.CONDITION_FIELDS.stream().sorted().toList())
                    + (m.questions().isEmpty() ? "" : "; questions: " + String.join(", ",
                    m.questions().stream().map(Question::id).filter(java.util.Objects::nonNull).toList())) + ")");
            return;
        }
        int tests = (c.in().isEmpty() ? 0 : 1) + (c.inList() == null ? 0 : 1) + (c.minLength() == null ? 0 : 1)
                + (c.range() ? 1 : 0);
        if (tests != 1) {
            problem(at, "needs exactly one of in, inList, minLength or atLeast/atMost");
            return;
        }
        if (c.inList() != null && !m.lists().containsKey(c.inList()) && !places.anyUnbound("lists")) {
            problem(at + ".inList", "no list named '" + c.inList() + "' under lists (known: "
                    + String.join(", ", m.lists().keySet()) + ")");
        }
        if (c.minLength() != null && c.minLength() < 1) {
            problem(at + ".minLength", "must be 1 or more");
        }
        // A question whose type could not be read was reported there; its uses are not reported again
        if (c.range() && (question == null || question.type() != QuestionType.NUMBER) && (question == null
                || question.type() != null)) {
            problem(at, "atLeast and atMost test a number question's answer; '" + c.field() + "' is not one");
            return;
        }
        if (c.range() && c.atLeast() != null && c.atMost() != null && c.atLeast() > c.atMost()) {
            problem(at + ".atLeast", "atLeast " + c.atLeast() + " is above atMost " + c.atMost());
        }
        List<String> values = new ArrayList<>(c.in());
        if (c.inList() != null) {
            values.addAll(m.lists().getOrDefault(c.inList(), List.of()));
        }
        List<String> allowed = question != null ? question.allowedValues()
                : Fields.allowedValues(c.field()).orElse(List.of());
        if (!allowed.isEmpty()) {
            // A question's options compare as its answers do, case aside; built-in values are written as stored
            Set<String> known = new HashSet<>();
            allowed.forEach(a -> known.add(question == null ? a : a.toLowerCase(java.util.Locale.ROOT)));
            for (String v : values) {
                if (v == null || !known.contains(question == null ? v : v.toLowerCase(java.util.Locale.ROOT))) {
                    problem(at, "'" + v + "' is not a value of " + c.field() + " (one of: "
                            + String.join(", ", allowed) + ")");
                }
            }
        }
    }

    private void template(String at, String name, QualificationModel m) {
        if (required(at, name) && !m.templates().containsKey(name) && !places.anyUnbound("templates")) {
            problem(at, "no template named '" + name + "' under templates");
        }
    }

    private void ruleId(String at, String id) {
        if (required(at, id)) {
            slug(at, id);
            if (!ruleIds.add(id)) {
                problem(at, "'" + id + "' names another rule too; rule ids must be unique");
            }
        }
    }

    private void fieldsIn(String at, List<String> fields, Set<String> allowed) {
        for (String f : fields) {
            if (!allowed.contains(f)) {
                problem(at, "'" + f + "' is not a field (standard: " + String.join(", ", Fields.ANSWER_FIELDS)
                        + "; or a question of this form's pools, or declare it in extraFields)");
            }
        }
    }

    private void keywords(String at, List<String> words) {
        if (words == null || words.isEmpty() || words.stream().anyMatch(w -> w == null || w.isBlank())) {
            problem(at, "needs a list of keywords");
        }
    }

    private void emails(String at, List<String> addresses) {
        for (String a : addresses) {
            if (a == null || !EMAIL.matcher(a).matches()) {
                problem(at, "'" + a + "' is not an email address");
            }
        }
    }

    private void url(String at, String url, boolean needed) {
        if (url == null) {
            if (needed) {
                problem(at, "is missing");
            }
            return;
        }
        if (!(url.startsWith("/") || url.startsWith("https://") || url.startsWith("http://localhost"))) {
            problem(at, "must start with / (a page of the posting site) or https://");
        }
    }

    private void slug(String at, String value) {
        if (value != null && !SLUG.matcher(value).matches()) {
            problem(at, "'" + value + "' must be lower-case letters, digits and dashes");
        }
    }

    private void positive(String at, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            problem(at, "needs a duration above zero, e.g. PT15M or P30D");
        }
    }

    private boolean required(String at, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            problem(at, at, "missing", "is missing");
            return false;
        }
        return true;
    }

    private void problem(String at, String what) {
        problem(at, at, what);
    }

    /** @param line the path whose line the problem is reported on, when that is more precise than its own */
    private void problem(String at, String line, String what) {
        problem(at, line, "invalid_value", what);
    }

    private void problem(String at, String line, String code, String what) {
        if (!places.explained(at)) {
            problems.add(ModelProblem.at(places.mark(line), at, code, what));
        }
    }

}
