/**
 * The one PowerShell run of a Windows inventory: it reads the CIM classes and registry keys the
 * sections need and prints ONE compact JSON object (keys below, each a list of objects unless
 * noted; `Errors` lists what could not be read). Written for Windows PowerShell 5.1 (present on
 * every supported Windows) and valid in PowerShell 7.
 *
 * Why these choices:
 * - `Select-Object` keeps only the wanted properties: a raw CIM instance serialises its class
 *   metadata too, deep and large.
 * - `@(…)` assignments keep one-element lists as lists; the parser still accepts single objects.
 * - The JSON is written as UTF-8 bytes on the raw stdout stream: the console code page (OEM 850,
 *   437…) would mangle non-ASCII names, and a service has no console to set it on.
 * - A class that fails (missing on old Windows, WMI repository broken, access denied) costs only
 *   its key: the error is noted and the others are still read.
 * - The script is passed with `-EncodedCommand` (base64 UTF-16LE): `-Command` text goes through
 *   Windows command-line quoting, which mangles the script's double quotes.
 *
 * @module
 */

import { encodeBase64 } from "../linux/base64.ts";

/** The PowerShell script (see the module documentation). */
export const WINDOWS_INVENTORY_SCRIPT = String.raw`
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$r = [ordered]@{ SchemaVersion = 1; Errors = @() }
function Note([string]$What, $Err) { $script:r.Errors += ('{0}: {1}' -f $What, $Err.Exception.Message) }
function Cim([string]$Key, [string]$Class, [object[]]$Property, [string]$Filter, [string]$Namespace = 'root/cimv2') {
  try {
    $a = @{ ClassName = $Class; Namespace = $Namespace; OperationTimeoutSec = 60; ErrorAction = 'Stop' }
    if ($Filter) { $a.Filter = $Filter }
    $script:r[$Key] = @(Get-CimInstance @a | Select-Object -Property $Property)
  } catch { Note $Class $_; $script:r[$Key] = @() }
}
function Chars($Codes) { if ($Codes) { -join ($Codes | Where-Object { $_ -ne 0 } | ForEach-Object { [char][int]$_ }) } }
function Lang($Id) {
  if ("$Id" -match '^\d+$' -and [int]$Id -gt 0) { try { [Globalization.CultureInfo]::GetCultureInfo([int]$Id).EnglishName } catch { "$Id" } }
}
function Members([string]$Group) {
  try {
    $g = [ADSI]('WinNT://{0}/{1},group' -f $env:COMPUTERNAME, $Group)
    @($g.psbase.Invoke('Members') | ForEach-Object { $_.GetType().InvokeMember('Name', 'GetProperty', $null, $_, $null) }) -join ','
  } catch { '' }
}
function Reg([string]$Path, [string[]]$Names) {
  try { Get-ItemProperty -Path $Path -ErrorAction Stop | Select-Object -Property $Names } catch { Note $Path $_ }
}

Cim ComputerSystem Win32_ComputerSystem Name,DNSHostName,Domain,Workgroup,PartOfDomain,Manufacturer,Model,UserName,TotalPhysicalMemory,SystemType
Cim OperatingSystem Win32_OperatingSystem Caption,Version,BuildNumber,CSDVersion,OSArchitecture,SerialNumber,RegisteredUser,Organization,Description,InstallDate,LastBootUpTime,TotalVisibleMemorySize
Cim ComputerSystemProduct Win32_ComputerSystemProduct UUID,IdentifyingNumber,Vendor,Name
Cim BIOS Win32_BIOS Manufacturer,SMBIOSBIOSVersion,Version,ReleaseDate,SerialNumber
Cim BaseBoard Win32_BaseBoard Manufacturer,Product,SerialNumber,Version
Cim SystemEnclosure Win32_SystemEnclosure ChassisTypes,SMBIOSAssetTag,SerialNumber,Manufacturer
Cim Processor Win32_Processor Name,Manufacturer,MaxClockSpeed,CurrentClockSpeed,NumberOfCores,NumberOfLogicalProcessors,L2CacheSize,Architecture,DataWidth,AddressWidth,CurrentVoltage,SocketDesignation,Status,ProcessorId
Cim PhysicalMemory Win32_PhysicalMemory Capacity,Speed,ConfiguredClockSpeed,DeviceLocator,BankLabel,Caption,Manufacturer,SerialNumber,PartNumber,MemoryType,SMBIOSMemoryType,FormFactor
Cim PhysicalMemoryArray Win32_PhysicalMemoryArray MemoryDevices,Use
Cim PageFileUsage Win32_PageFileUsage Name,AllocatedBaseSize
Cim DiskDrive Win32_DiskDrive Index,DeviceID,Model,Manufacturer,Caption,Description,InterfaceType,MediaType,Size,SerialNumber,FirmwareRevision
Cim LogicalDisk Win32_LogicalDisk DeviceID,DriveType,FileSystem,Size,FreeSpace,VolumeName,ProviderName,VolumeSerialNumber
Cim NetworkAdapter Win32_NetworkAdapter Index,InterfaceIndex,Name,NetConnectionID,AdapterType,AdapterTypeId,Speed,MACAddress,NetConnectionStatus,PhysicalAdapter,NetEnabled 'NetConnectionID IS NOT NULL'
Cim NetworkAdapterConfiguration Win32_NetworkAdapterConfiguration Index,IPEnabled,IPAddress,IPSubnet,DefaultIPGateway,DHCPEnabled,DHCPServer,DNSServerSearchOrder,DNSDomain,MTU,MACAddress,Description
Cim NetAdapter MSFT_NetAdapter InterfaceIndex,InterfaceType,MtuSize,Virtual '' 'root/StandardCimv2'
Cim VideoController Win32_VideoController Name,VideoProcessor,AdapterRAM,CurrentHorizontalResolution,CurrentVerticalResolution,DriverVersion,AdapterCompatibility,PNPDeviceID
Cim SoundDevice Win32_SoundDevice Name,Manufacturer,Caption,ProductName,Status
Cim DesktopMonitor Win32_DesktopMonitor Name,MonitorManufacturer,MonitorType,ScreenWidth,ScreenHeight,PNPDeviceID
Cim MonitorID WmiMonitorID @('InstanceName', 'Active', @{n='ManufacturerName';e={Chars $_.ManufacturerName}}, @{n='ProductCodeID';e={Chars $_.ProductCodeID}}, @{n='SerialNumberID';e={Chars $_.SerialNumberID}}, @{n='UserFriendlyName';e={Chars $_.UserFriendlyName}}, 'WeekOfManufacture', 'YearOfManufacture') '' 'root/wmi'
Cim Printer Win32_Printer Name,DriverName,PortName,ServerName,ShareName,HorizontalResolution,VerticalResolution,Comment,Location,Shared,Network,Local,Default
Cim Battery Win32_Battery Name,Description,DeviceID,Chemistry,DesignVoltage,DesignCapacity,FullChargeCapacity,EstimatedChargeRemaining,BatteryStatus
Cim BatteryStaticData BatteryStaticData DeviceName,ManufactureName,SerialNumber,DesignedCapacity '' 'root/wmi'
Cim BatteryCycleCount BatteryCycleCount CycleCount '' 'root/wmi'
Cim UserAccount Win32_UserAccount Name,FullName,SID,Disabled,Description 'LocalAccount=True'
Cim Group Win32_Group @('Name', 'SID', 'Description', @{n='Members';e={Members $_.Name}}) 'LocalAccount=True'

$r.Controllers = @()
foreach ($c in 'Win32_IDEController', 'Win32_SCSIController', 'Win32_USBController') {
  try { $r.Controllers += @(Get-CimInstance -ClassName $c -ErrorAction Stop | Select-Object Name,Manufacturer,Caption,Description,PNPDeviceID,@{n='Class';e={$c}}) } catch { Note $c $_ }
}
try {
  $ids = @(Get-CimInstance -ClassName Win32_USBControllerDevice -ErrorAction Stop | ForEach-Object { $_.Dependent.DeviceID })
  $r.USB = @(Get-CimInstance -ClassName Win32_PnPEntity -ErrorAction Stop | Where-Object { $ids -contains $_.DeviceID } | Select-Object Name,Manufacturer,DeviceID,PNPClass,Service,Status)
} catch { Note 'Win32_USBControllerDevice' $_; $r.USB = @() }
try { $r.ProductKey = (Get-CimInstance -ClassName SoftwareLicensingService -ErrorAction Stop).OA3xOriginalProductKey } catch { Note 'SoftwareLicensingService' $_ }

$r.CurrentVersion = Reg 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' ProductName,DisplayVersion,ReleaseId,CurrentBuild,UBR,EditionID,RegisteredOwner,RegisteredOrganization,ProductId
$r.LogonUI = Reg 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Authentication\LogonUI' LastLoggedOnSAMUser,LastLoggedOnUser
# WMI on XP/2003 names modern CPUs "Pentium III Xeon"; the registry has the real name per logical CPU.
$r.CentralProcessor = @(try {
  Get-ItemProperty -Path 'HKLM:\HARDWARE\DESCRIPTION\System\CentralProcessor\*' -ErrorAction Stop |
    Select-Object @{n='Index';e={[int]$_.PSChildName}}, ProcessorNameString, Identifier, VendorIdentifier
} catch { Note 'CentralProcessor' $_ })
$bits = if ([Environment]::Is64BitOperatingSystem) { 64 } else { 32 }
$views = @(
  @('HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall', 'HKLM', $bits),
  @('HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall', 'HKLM', 32),
  @('Registry::HKEY_USERS\*\Software\Microsoft\Windows\CurrentVersion\Uninstall', 'HKU', $bits),
  @('Registry::HKEY_USERS\*\Software\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall', 'HKU', 32)
)
$r.Uninstall = @(foreach ($v in $views) {
  try {
    Get-ItemProperty -Path ($v[0] + '\*') -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName } |
      Select-Object @{n='Key';e={$_.PSChildName}}, DisplayName, DisplayVersion, Publisher, InstallLocation, InstallDate, EstimatedSize, Comments, DisplayIcon, SystemComponent, ParentKeyName, @{n='Language';e={Lang $_.Language}}, @{n='Hive';e={$v[1]}}, @{n='Bits';e={$v[2]}}
  } catch { Note $v[0] $_ }
})

$json = ConvertTo-Json -InputObject $r -Depth 4 -Compress
$bytes = [Text.Encoding]::UTF8.GetBytes($json)
$out = [Console]::OpenStandardOutput()
$out.Write($bytes, 0, $bytes.Length)
$out.Flush()
exit 0
`;

/** `-EncodedCommand` text: base64 of the UTF-16LE script. */
export function encodeCommand(script: string): string {
  const bytes = new Uint8Array(script.length * 2);
  for (let i = 0; i < script.length; i++) {
    const code = script.charCodeAt(i);
    bytes[2 * i] = code & 0xff;
    bytes[2 * i + 1] = code >> 8;
  }
  return encodeBase64(bytes);
}

/** The program run. */
export const POWERSHELL = "powershell.exe";

/** Its arguments (no profile: a user's profile could print, slow or break the run). */
export const POWERSHELL_ARGS: readonly string[] = [
  "-NoProfile",
  "-NonInteractive",
  "-EncodedCommand",
  encodeCommand(WINDOWS_INVENTORY_SCRIPT),
];

/** CIM on a busy machine and SoftwareLicensingService are slow; the whole run gets two minutes. */
export const POWERSHELL_TIMEOUT_MS = 120_000;
