import assert from "node:assert/strict";
import { recordedProbe } from "../probe.ts";
import { batteries } from "./batteries.ts";
import { inputs } from "./inputs.ts";
import { printers } from "./printers.ts";
import { usbDevices } from "./usbdevices.ts";
import { virtualMachines } from "./virtualmachines.ts";

Deno.test("usb devices: strings from the device, class names, root hubs skipped", async () => {
  const usb = "/sys/bus/usb/devices";
  const probe = recordedProbe({
    files: {
      [`${usb}/usb1/idVendor`]: "1d6b\n",
      [`${usb}/1-2/idVendor`]: "046d\n",
      [`${usb}/1-2/idProduct`]: "c52b\n",
      [`${usb}/1-2/manufacturer`]: "Logitech\n",
      [`${usb}/1-2/product`]: "USB Receiver\n",
      [`${usb}/1-2/bDeviceClass`]: "00\n",
      [`${usb}/1-2/1-2:1.0/bInterfaceClass`]: "03\n",
      [`${usb}/1-2/1-2:1.0/bInterfaceSubClass`]: "01\n",
      [`${usb}/1-3/idVendor`]: "0781\n",
      [`${usb}/1-3/idProduct`]: "5583\n",
      [`${usb}/1-3/serial`]: "4C530001\n",
      [`${usb}/1-3/bDeviceClass`]: "00\n",
      [`${usb}/1-3/1-3:1.0/bInterfaceClass`]: "08\n",
      "/usr/share/misc/usb.ids":
        "0781  SanDisk Corp.\n\t5583  Ultra Fit\nC 03  Human Interface Device\n\t01  Boot Interface Subclass\n",
    },
  });
  assert.deepEqual(await usbDevices.collect(probe), [
    {
      MANUFACTURER: "Logitech",
      DESCRIPTION: "USB Receiver",
      TYPE: "Human Interface Device",
      INTERFACE: "Boot Interface Subclass",
    },
    {
      MANUFACTURER: "SanDisk Corp.",
      DESCRIPTION: "Ultra Fit",
      SERIAL: "4C530001",
      TYPE: "Mass Storage",
    },
  ]);
});

Deno.test("batteries: power_supply of type Battery, in mWh and mV", async () => {
  const ps = "/sys/class/power_supply";
  const probe = recordedProbe({
    files: {
      [`${ps}/AC/type`]: "Mains\n",
      [`${ps}/BAT0/type`]: "Battery\n",
      [`${ps}/BAT0/model_name`]: "5B10W13930\n",
      [`${ps}/BAT0/manufacturer`]: "SMP\n",
      [`${ps}/BAT0/serial_number`]: "1234\n",
      [`${ps}/BAT0/technology`]: "Li-poly\n",
      [`${ps}/BAT0/energy_full_design`]: "57000000\n",
      [`${ps}/BAT0/voltage_min_design`]: "15440000\n",
      [`${ps}/BAT0/cycle_count`]: "87\n",
      [`${ps}/BAT0/status`]: "Discharging\n",
      [`${ps}/BAT0/capacity`]: "81\n",
    },
  });
  assert.deepEqual(await batteries.collect(probe), [{
    NAME: "5B10W13930",
    MANUFACTURER: "SMP",
    SERIALNUMBER: "1234",
    CHEMISTRY: "Li-poly",
    DESIGNCAPACITY: "57000",
    DESIGNVOLTAGE: "15440",
    CYCLES: "87",
    STATUS: "Discharging",
    ESTIMATEDCHARGEREMAINING: "81",
    DESCRIPTION: "BAT0",
  }]);
});

Deno.test("printers: printers.conf, else lpstat; no CUPS, no section", async () => {
  const conf = recordedProbe({
    files: {
      "/etc/cups/printers.conf":
        "<Printer Office>\nInfo 2nd floor\nMakeModel HP LJ\nDeviceURI ipp://192.0.2.9/ipp\nShared No\n</Printer>\n",
    },
  });
  assert.deepEqual(await printers.collect(conf), [
    {
      NAME: "Office",
      DESCRIPTION: "2nd floor",
      PORT: "ipp://192.0.2.9/ipp",
      DRIVER: "HP LJ",
      SHARED: "0",
      NETWORK: "1",
    },
  ]);
  const lpstat = recordedProbe({
    stats: { "/etc/cups": { isDirectory: true } },
    commands: { "lpstat -v": "device for PDF: cups-pdf:/\n" },
  });
  assert.deepEqual(await printers.collect(lpstat), [{
    NAME: "PDF",
    PORT: "cups-pdf:/",
    NETWORK: "0",
  }]);
  assert.equal(await printers.collect(recordedProbe({})), null);
});

Deno.test("virtual machines: docker (socket present), libvirt XML, lxc configs", async () => {
  const probe = recordedProbe({
    files: {
      "/etc/libvirt/qemu/web.xml":
        "<domain type='kvm'>\n  <name>web</name>\n  <uuid>6f0c…-1</uuid>\n" +
        "  <memory unit='KiB'>2097152</memory>\n  <vcpu placement='static'>2</vcpu>\n</domain>\n",
      "/run/libvirt/qemu/web.xml": "<domstatus/>",
      "/var/lib/lxc/c1/config": "lxc.uts.name = c1\n",
    },
    stats: { "/run/docker.sock": { isFile: true } },
    commands: {
      "docker ps -a --no-trunc --format {{json .}}":
        '{"ID":"abc","Names":"db","State":"running"}\nnot json\n',
    },
  });
  assert.deepEqual(await virtualMachines.collect(probe), [
    { NAME: "db", STATUS: "running", VMID: "abc", SUBSYSTEM: "Docker Container", VMTYPE: "Docker" },
    {
      NAME: "web",
      UUID: "6f0c…-1",
      MEMORY: "2048",
      VCPU: "2",
      STATUS: "running",
      SUBSYSTEM: "Libvirt",
      VMTYPE: "kvm",
    },
    { NAME: "c1", STATUS: "stopped", SUBSYSTEM: "LXC Container", VMTYPE: "LXC" },
  ]);
  // No docker socket: docker is not even asked.
  const none = recordedProbe({});
  assert.deepEqual(await virtualMachines.collect(none), []);
  assert.deepEqual(none.messages, []);
});

Deno.test("inputs: keyboards and pointers with a physical input path", async () => {
  const probe = recordedProbe({
    files: {
      "/proc/bus/input/devices": `I: Bus=0019 Vendor=0000 Product=0001 Version=0000
N: Name="Power Button"
P: Phys=LNXPWRBN/button/input0
H: Handlers=kbd event0

I: Bus=0011 Vendor=0001 Product=0001 Version=ab83
N: Name="AT Translated Set 2 keyboard"
P: Phys=isa0060/serio0/input0
H: Handlers=sysrq kbd leds event3

I: Bus=0003 Vendor=046d Product=c077 Version=0111
N: Name="Logitech USB Optical Mouse"
P: Phys=usb-0000:00:14.0-2/input0
H: Handlers=mouse0 event5
`,
    },
  });
  assert.deepEqual(await inputs.collect(probe), [
    {
      CAPTION: "AT Translated Set 2 keyboard",
      DESCRIPTION: "AT Translated Set 2 keyboard",
      TYPE: "Keyboard",
    },
    {
      CAPTION: "Logitech USB Optical Mouse",
      DESCRIPTION: "Logitech USB Optical Mouse",
      TYPE: "Pointing",
    },
  ]);
});
