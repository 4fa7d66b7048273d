/**
 * The files `inventory agent install` writes, per platform: the config, a scheduler entry that
 * runs the agent once a day at a random time (so a fleet spreads out), and log rotation. Pure:
 * paths are as on the target machine; `install.ts` writes them under `--root`.
 *
 * @module
 */

/** Where the agent is installed. */
export type InstallPlatform = "linux" | "darwin" | "windows";
/** How Linux schedules it. */
export type InitSystem = "systemd" | "cron";

/** One file to write. */
export interface PlannedFile {
  /** Absolute path on the target (`/etc/…`, or `C:\ProgramData\…` written as `/ProgramData/…`). */
  path: string;
  content: string;
  /** Unix mode; default 0o644. */
  mode?: number;
  /** Task Scheduler reads its XML as UTF-16 (what it exports). */
  utf16?: boolean;
}

/** What to write, and the commands that register it with the OS. */
export interface InstallPlan {
  platform: InstallPlatform;
  init?: InitSystem;
  configPath: string;
  manifestPath: string;
  files: PlannedFile[];
  /** To run after writing (enable the timer, load the plist, register the task). */
  enable: string[];
  /** To run before removing (disable, unload, delete the task). */
  disable: string[];
}

/** What goes into the config and the scheduler entry. */
export interface InstallSettings {
  platform: InstallPlatform;
  init?: InitSystem;
  /** `server=` etc.: OCS cfg keys, values as written (user/password already base64). */
  config: Record<string, string>;
  /** argv that starts `inventory` (e.g. deno, run, --allow-all, /opt/inventory/main.ts). */
  command: string[];
}

const NAME = "inventory-agent";
/** Most a daily run is delayed, so a fleet does not report in one burst. */
const SPREAD_SECONDS = 4 * 3600;

/** Plans the files for `settings.platform`. */
export function planInstall(settings: InstallSettings): InstallPlan {
  switch (settings.platform) {
    case "windows":
      return windowsPlan(settings);
    case "darwin":
      return darwinPlan(settings);
    default:
      return linuxPlan(settings);
  }
}

function configFile(path: string, config: Record<string, string>): PlannedFile {
  const lines = Object.entries(config).map(([k, v]) => `${k}=${v}`);
  return {
    path,
    // It may hold the (base64, not secret) password: readable by root only.
    mode: 0o600,
    content: `# inventory agent configuration, written by \`inventory agent install\`.
# Keys are the OCS agent's (ocsinventory-agent.cfg); user and password are base64-encoded.
${lines.join("\n")}
`,
  };
}

function linuxPlan(settings: InstallSettings): InstallPlan {
  const configPath = `/etc/${NAME}/agent.cfg`;
  const logfile = `/var/log/${NAME}.log`;
  const run = [...settings.command, "agent", "--config", configPath];
  const files = [
    configFile(configPath, { ...settings.config, logfile }),
    {
      path: `/etc/logrotate.d/${NAME}`,
      content: `${logfile} {
    weekly
    rotate 4
    compress
    missingok
    notifempty
}
`,
    },
  ];
  const init = settings.init ?? "cron";
  if (init === "systemd") {
    files.push(
      {
        path: `/etc/systemd/system/${NAME}.service`,
        content: `[Unit]
Description=inventory agent: report this machine's inventory to the OCS-compatible server
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart=${run.map(systemdQuote).join(" ")}
Nice=10
IOSchedulingClass=idle
TimeoutStartSec=30min
`,
      },
      {
        path: `/etc/systemd/system/${NAME}.timer`,
        content: `[Unit]
Description=Daily inventory agent run, at a random time so a fleet spreads out

[Timer]
OnCalendar=daily
RandomizedDelaySec=${SPREAD_SECONDS}
Persistent=true

[Install]
WantedBy=timers.target
`,
      },
    );
    return {
      platform: "linux",
      init,
      configPath,
      manifestPath: `/etc/${NAME}/install-manifest.json`,
      files,
      enable: ["systemctl daemon-reload", `systemctl enable --now ${NAME}.timer`],
      disable: [`systemctl disable --now ${NAME}.timer`],
    };
  }
  files.push({
    path: `/etc/cron.daily/${NAME}`,
    mode: 0o755,
    // POSIX sh has no $RANDOM (dash): draw the pause from /dev/urandom.
    content: `#!/bin/sh
# inventory agent, written by \`inventory agent install\`. A random pause first, so a fleet
# does not report in one burst; the agent logs to ${logfile}.
sleep $(( $(od -An -N2 -tu2 /dev/urandom) % ${SPREAD_SECONDS} ))
exec ${run.map(shQuote).join(" ")} >/dev/null
`,
  });
  return {
    platform: "linux",
    init,
    configPath,
    manifestPath: `/etc/${NAME}/install-manifest.json`,
    files,
    enable: [],
    disable: [],
  };
}

function darwinPlan(settings: InstallSettings): InstallPlan {
  const configPath = `/etc/${NAME}/agent.cfg`;
  const logfile = `/var/log/${NAME}.log`;
  const label = "org.inventory.agent";
  const plist = `/Library/LaunchDaemons/${label}.plist`;
  // launchd has no random delay: sleep first, as the cron script does.
  const script = `sleep $((RANDOM % ${SPREAD_SECONDS})); exec ${
    [...settings.command, "agent", "--config", configPath].map(shQuote).join(" ")
  }`;
  return {
    platform: "darwin",
    configPath,
    manifestPath: `/etc/${NAME}/install-manifest.json`,
    files: [
      configFile(configPath, { ...settings.config, logfile }),
      {
        path: plist,
        content: `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${label}</string>
  <key>ProgramArguments</key>
  <array>
    <string>/bin/bash</string>
    <string>-c</string>
    <string>${xmlEscape(script)}</string>
  </array>
  <key>StartCalendarInterval</key>
  <dict>
    <key>Hour</key>
    <integer>9</integer>
    <key>Minute</key>
    <integer>0</integer>
  </dict>
  <key>StandardErrorPath</key>
  <string>${logfile}</string>
</dict>
</plist>
`,
      },
      {
        path: `/etc/newsyslog.d/${NAME}.conf`,
        content: `# logfile                     mode count size when flags
${logfile}  644  4     *    $W0  J
`,
      },
    ],
    enable: [`launchctl bootstrap system ${plist}`],
    disable: [`launchctl bootout system/${label}`],
  };
}

function windowsPlan(settings: InstallSettings): InstallPlan {
  const dir = `C:\\ProgramData\\${NAME}`;
  const configPath = `${dir}\\agent.cfg`;
  const taskXml = `${dir}\\${NAME}-task.xml`;
  const [program, ...args] = [...settings.command, "agent", "--config", configPath];
  return {
    platform: "windows",
    configPath,
    manifestPath: `/ProgramData/${NAME}/install-manifest.json`,
    files: [
      configFile(`/ProgramData/${NAME}/agent.cfg`, {
        ...settings.config,
        logfile: `${dir}\\agent.log`,
      }),
      {
        path: `/ProgramData/${NAME}/${NAME}-task.xml`,
        utf16: true,
        content: `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>inventory agent: report this machine's inventory to the OCS-compatible server</Description>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>2000-01-01T09:00:00</StartBoundary>
      <RandomDelay>PT${SPREAD_SECONDS / 3600}H</RandomDelay>
      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="System">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>true</RunOnlyIfNetworkAvailable>
    <ExecutionTimeLimit>PT30M</ExecutionTimeLimit>
    <Priority>7</Priority>
  </Settings>
  <Actions Context="System">
    <Exec>
      <Command>${xmlEscape(program!)}</Command>
      <Arguments>${xmlEscape(args.map(windowsQuote).join(" "))}</Arguments>
    </Exec>
  </Actions>
</Task>
`,
      },
    ],
    enable: [`schtasks /Create /TN "${NAME}" /XML "${taskXml}" /F`],
    disable: [`schtasks /Delete /TN "${NAME}" /F`],
  };
}

function systemdQuote(arg: string): string {
  // systemd expands % specifiers and $VARIABLES in ExecStart: double them.
  const escaped = arg.replaceAll("%", "%%").replaceAll("$", "$$$$");
  return /^[\w@%+=:,./$-]+$/.test(escaped) ? escaped : `"${escaped.replace(/(["\\])/g, "\\$1")}"`;
}

function shQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function windowsQuote(arg: string): string {
  return /^[^\s"]+$/.test(arg) ? arg : `"${arg.replaceAll('"', '\\"')}"`;
}

function xmlEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
