package dev.drift.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SudoersParserTest {

    @Test
    void listsRulesPerUserOrGroupAndKeepsIncludes() {
        Settings settings = new SudoersParser().parse("""
                # sudoers
                Defaults\tenv_reset
                Defaults\tsecure_path="/usr/sbin:/usr/bin"
                Defaults:alice !requiretty
                User_Alias ADMINS = alice, \\
                    bob
                root\tALL=(ALL:ALL) ALL
                %sudo\tALL=(ALL:ALL) ALL
                #1000 ALL=(ALL) NOPASSWD: /usr/bin/apt
                @includedir /etc/sudoers.d
                #includedir /etc/sudoers.d.legacy
                """);

        assertThat(settings.toJson()).hasToString("""
                {"Defaults":["env_reset","secure_path=\\"/usr/sbin:/usr/bin\\""],"Defaults:alice":["!requiretty"],\
                "User_Alias":["ADMINS = alice, bob"],"root":["ALL=(ALL:ALL) ALL"],"%sudo":["ALL=(ALL:ALL) ALL"],\
                "#1000":["ALL=(ALL) NOPASSWD: /usr/bin/apt"],"@includedir":["/etc/sudoers.d"],\
                "#includedir":["/etc/sudoers.d.legacy"]}""");
    }
}
