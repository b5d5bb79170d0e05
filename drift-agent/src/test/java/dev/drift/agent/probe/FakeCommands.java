package dev.drift.agent.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers commands by their first two words; a command it does not know is "not installed". */
final class FakeCommands implements CommandRunner {
    private final Map<String, Output> answers = new HashMap<>();
    final List<List<String>> ran = new ArrayList<>();

    FakeCommands answer(String firstTwoWords, int exitCode, String stdout) {
        answers.put(firstTwoWords, new Output(exitCode, stdout));
        return this;
    }

    @Override
    public Output run(List<String> command, Duration timeout) {
        ran.add(command);
        Output output = answers.get(command.get(0) + " " + command.get(1));
        if (output == null) {
            throw new ProbeFailure("cannot run " + command.getFirst() + ": No such file or directory");
        }
        return output;
    }
}
