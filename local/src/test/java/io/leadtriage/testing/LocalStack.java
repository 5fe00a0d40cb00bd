package io.leadtriage.testing;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import static org.testcontainers.containers.localstack.LocalStackContainer.Service.DYNAMODB;
import static org.testcontainers.containers.localstack.LocalStackContainer.Service.SES;

/**
 * One LocalStack container for the whole test run, started on first use. Where Docker is absent the
 * calling test is skipped (not failed) with a message saying so.
 */
public final class LocalStack {
    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.9");
    private static LocalStackContainer container;

    private LocalStack() {
    }

    public static synchronized LocalStackContainer require() {
        if (container == null) {
            boolean docker;
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                docker = false;
            }
            Assumptions.assumeTrue(docker, "Docker is not available here: the -Plocalstack tests are skipped."
                    + " Run them where Docker runs, or drop -Plocalstack for DynamoDB Local and the SES emulator.");
            container = new LocalStackContainer(IMAGE).withServices(DYNAMODB, SES);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        }
        return container;
    }
}
