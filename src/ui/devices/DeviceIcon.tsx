/** Small line drawings of the catalog's devices (decorative: the text next to them names the device). */
const PATHS: Record<string, string> = {
  'usb-scanner': 'M3 9h18v8H3zM3 9l2-4h14l2 4M6 13h8',
  'usb-disk': 'M8 3h8v4H8zM6 7h12v13a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1zM10 4.5h.01M14 4.5h.01',
  'usb-webcam': 'M12 3a7 7 0 1 1 0 14a7 7 0 0 1 0-14zM12 7a3 3 0 1 1 0 6a3 3 0 0 1 0-6zM8 21h8M12 17v4',
  'pci-nic': 'M2 6h20v10H2zM5 16v3M8 16v3M11 16v3M14 16v3M17 9h3v4h-3zM5 9h8v4H5z',
  'usb-hub': 'M3 8h18v8H3zM6 12h.01M10 12h.01M14 12h.01M18 12h.01M12 4v4',
};

export function DeviceIcon({ model, className = 'h-6 w-6' }: { model: string; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[model] ?? 'M4 4h16v16H4z'} />
    </svg>
  );
}
