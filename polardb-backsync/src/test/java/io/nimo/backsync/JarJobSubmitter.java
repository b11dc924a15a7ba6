package io.nimo.backsync;

import java.io.File;
import java.util.Arrays;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A stand-in Flink cluster in its own process, with only Flink's jars on its class path: it builds
 * the job graph from a job jar (user-code class loader, child-first, as on a real cluster), submits
 * it to a MiniCluster and runs until killed. Usage: {@code <jar> <entry class> <args...>}.
 */
public final class JarJobSubmitter {
  private JarJobSubmitter() {}

  public static void main(String[] args) throws Exception {
    PackagedProgram program =
        PackagedProgram.newBuilder()
            .setJarFile(new File(args[0]))
            .setEntryPointClassName(args[1])
            .setArguments(Arrays.copyOfRange(args, 2, args.length))
            .build();
    Configuration conf = new Configuration();
    conf.setString("restart-strategy.type", "none");
    JobGraph graph = PackagedProgramUtils.createJobGraph(program, conf, 1, false);
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(2)
                .build());
    cluster.start();
    cluster.submitJob(graph).get();
    System.out.println("SUBMITTED " + graph.getJobID() + " with " + graph.getUserJars());
    System.out.println("RESULT " + cluster.requestJobResult(graph.getJobID()).get());
    cluster.close();
  }
}
