package io.iocstream.cli;

import io.iocstream.job.ConfigException;
import io.iocstream.webhook.Redeliverer;
import io.iocstream.webhook.WebhookConfig;
import io.iocstream.webhook.WebhookConfigReader;
import io.iocstream.webhook.WebhookService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code webhook --config FILE}: the receiver of GitHub's webhook deliveries, a service of its own beside the Flink
 * job, writing authentic deliveries to the job's input topic (docs/webhook.md). {@code webhook redeliver} asks GitHub
 * to deliver again what failed.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = "Receive GitHub webhook deliveries into the job's Kafka input topic (signed, de-duplicated).",
        subcommands = WebhookCommand.Redeliver.class)
final class WebhookCommand implements Callable<Integer> {

    // not required by picocli: 'webhook redeliver --config FILE' gives it to the subcommand
    @Option(names = "--config", description = "The receiver's YAML file (docs/configuration.md, webhook receiver).")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            throw new UsageException("webhook: --config FILE is required (see 'webhook --help')");
        }
        WebhookService service = WebhookService.start(read(config), System::getenv);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("iocstream: webhook receiver did not stop cleanly: " + e.getMessage());
            }
        }, "webhook-stop"));
        System.err.println("iocstream: webhook receiver at " + service.deliveryUri() + " (Ctrl-C stops it)");
        service.join();
        return 0;
    }

    static WebhookConfig read(Path file) throws UsageException {
        try {
            return WebhookConfigReader.read(file, System::getenv);
        } catch (ConfigException e) {
            throw new UsageException("config error: " + e.getMessage());
        }
    }

    /** {@code webhook redeliver}: one pass of the redelivery the service can run in a loop. */
    @Command(name = "redeliver", mixinStandardHelpOptions = true,
            description = "Ask GitHub to redeliver the hook's recent deliveries that failed and were not delivered "
                    + "since.")
    static final class Redeliver implements Callable<Integer> {

        @Option(names = "--config", required = true, description = "The receiver's YAML file, with a redeliver "
                + "section.")
        Path config;

        @Override
        public Integer call() throws Exception {
            WebhookConfig webhook = read(config);
            if (webhook.redeliver() == null) {
                throw new UsageException("config error: redeliver: required by 'webhook redeliver'");
            }
            try (Redeliverer redeliverer = Redeliverer.of(webhook.redeliver(), System::getenv)) {
                System.out.println(redeliverer.run(null));
            }
            return 0;
        }
    }
}
