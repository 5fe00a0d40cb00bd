package io.leadtriage.config;

import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.email.EmailTemplates;
import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.domain.model.QualificationModel;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The shipped model's load at a cold start, split into its phases, in a fresh JVM on the deployed class path (run it
 * as {@link io.leadtriage.bench.ColdStartProbe} is run: the functions' JVM flags). Prints one line of milliseconds
 * per phase. Each phase ends by loading a marker class of its own ({@code ModelLoadSplit$AfterCompose}…), so a run
 * with {@code -Xlog:class+load} tells the classes each phase loaded: count the lines between two markers.
 *
 * <pre>
 * ModelLoadSplit yaml       read the text, compose (SnakeYAML), bind, check, check the templates (ModelLoader's path)
 * ModelLoadSplit prepared   read the text, hash it, read the prepared form into the records (ShippedModel's path, as
 *                           a function's init takes it; PreparedModelTest proves it the YAML's model)
 * ModelLoadSplit saved yaml|prepared   a version saved through the admin API taken on a cold start's first request
 *                           ({@link ModelInEffect#refreshNow}), stored without a prepared form or with one; the
 *                           shipped model read first, as init reads it. The version's text is the shipped one, as a
 *                           rollback to version 0 stores it, so its form is the packaged one (run after package)
 * ModelLoadSplit init &lt;handler class&gt;   a function's init: its handler constructed as Lambda does (the environment
 *                           needs LEADS_TABLE and AWS_REGION; no call is made), then a JSON text read as the first
 *                           invocation reads its event first (jackson-core is loaded there unless init loaded it)
 * </pre>
 */
public final class ModelLoadSplit {
    private ModelLoadSplit() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length > 1 && args[0].equals("init")) {
            long start = System.nanoTime();
            Object handler = Class.forName(args[1]).getConstructor().newInstance();
            long built = mark(AfterInit.class);
            // What the first invocation does first, reading the event's JSON: jackson-core loads here unless init loaded it.
            Object event = io.leadtriage.json.JsonTree.parse("{\"version\":\"2.0\",\"body\":\"{}\"}");
            long json = mark(AfterJson.class);
            System.out.println("{\"init\":" + ms(start, built) + ",\"firstJson\":" + ms(built, json) + ",\"total\":"
                    + ms(start, json) + ",\"handler\":\"" + handler.getClass().getSimpleName() + "\",\"read\":"
                    + (event != null) + "}");
            return;
        }
        if (args.length > 1 && args[0].equals("saved")) {
            saved(args[1].equals("prepared"));
            return;
        }
        if (args.length > 0 && args[0].equals("prepared")) {
            prepared();
            return;
        }
        long start = System.nanoTime();
        String text = ModelLoader.defaultText();
        long read = mark(AfterRead.class);
        Node root = ModelLoader.compose(text);
        long composed = mark(AfterCompose.class);
        ModelBinder binder = new ModelBinder();
        QualificationModel bound = binder.bindRoot(root, QualificationModel.class);
        long boundAt = mark(AfterBind.class);
        ModelValidator validator = new ModelValidator(binder.places());
        QualificationModel model = validator.validate(bound);
        long checked = mark(AfterCheck.class);
        int templateProblems = EmailTemplates.placedProblems(model).size();
        long templates = mark(AfterTemplates.class);
        if (!binder.problems().isEmpty() || !validator.problems().isEmpty() || templateProblems != 0) {
            throw new IllegalStateException("the shipped model has problems");
        }
        System.out.println("{\"read\":" + ms(start, read) + ",\"compose\":" + ms(read, composed) + ",\"bind\":"
                + ms(composed, boundAt) + ",\"check\":" + ms(boundAt, checked) + ",\"templates\":" + ms(checked, templates)
                + ",\"total\":" + ms(start, templates) + "}");
    }

    private static void prepared() {
        long start = System.nanoTime();
        String text = ShippedModel.text();
        long read = mark(AfterRead.class);
        String hash = PreparedModel.sha256(text);
        long hashed = mark(AfterHash.class);
        QualificationModel model = ShippedModel.load(text);
        long loaded = mark(AfterPrepared.class);
        System.out.println("{\"read\":" + ms(start, read) + ",\"hash\":" + ms(read, hashed) + ",\"prepared\":"
                + ms(hashed, loaded) + ",\"total\":" + ms(start, loaded) + ",\"forms\":\"" + model.forms().size()
                + "/" + hash.length() + "\"}");
    }

    private static void saved(boolean withForm) {
        String text = ShippedModel.text();
        String form = withForm ? packagedForm() : null;
        ModelInEffect models = new ModelInEffect(ShippedModel.load(text), text,
                new OneVersion(new ConfigStore.ConfigVersion(1, Instant.EPOCH, "", text, form)), Clock.systemUTC(),
                List.of("sales@example.com"), System::nanoTime);
        long start = System.nanoTime();
        long taken = models.refreshNow().number();
        long end = mark(AfterSaved.class);
        System.out.println("{\"saved\":" + ms(start, end) + ",\"from\":\"" + (withForm ? "prepared" : "yaml")
                + "\",\"version\":" + taken + "}");
    }

    private static String packagedForm() {
        try (InputStream in = ModelLoadSplit.class.getClassLoader().getResourceAsStream(ShippedModel.PREPARED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(ShippedModel.PREPARED_RESOURCE + " is not on the class path: package first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store holding one saved version, in effect: what a refresh reads, and nothing else answered. */
    private record OneVersion(ConfigVersion saved) implements ConfigStore {
        @Override
        public Optional<ConfigVersion> current() {
            return Optional.of(saved);
        }

        @Override
        public Optional<ConfigVersion> version(long version) {
            return Optional.of(saved).filter(v -> v.version() == version);
        }

        @Override
        public List<ConfigVersion> history(int limit) {
            throw notARefresh();
        }

        @Override
        public Optional<ConfigVersion> put(String yaml, String prepared, long expectedCurrent, Instant now,
                                           boolean alertNewlyHot, boolean rescore) {
            throw notARefresh();
        }

        @Override
        public Optional<Rescoring> rescoring(long version) {
            throw notARefresh();
        }

        @Override
        public Optional<Rescoring> claimRescoring(long version, String holder, Instant now, Instant leaseUntil) {
            throw notARefresh();
        }

        @Override
        public boolean recordRescoring(Rescoring progress, String holder, Instant leaseUntil) {
            throw notARefresh();
        }

        private static UnsupportedOperationException notARefresh() {
            return new UnsupportedOperationException("a model refresh reads the version in effect alone");
        }
    }

    private static long mark(Class<?> marker) {
        return marker.getName().isEmpty() ? 0 : System.nanoTime();
    }

    private static String ms(long from, long to) {
        return Long.toString((to - from) / 100_000 / 10) + "." + ((to - from) / 100_000 % 10);
    }

    private static final class AfterSaved {
    }

    private static final class AfterRead {
    }

    private static final class AfterInit {
    }

    private static final class AfterJson {
    }

    private static final class AfterHash {
    }

    private static final class AfterPrepared {
    }

    private static final class AfterCompose {
    }

    private static final class AfterBind {
    }

    private static final class AfterCheck {
    }

    private static final class AfterTemplates {
    }
}
