export default function Intro() {
  return (
    <p className="text-lg leading-relaxed text-slate-700">
      A visual teaching lab for Windows Plug and Play: watch how the PnP manager, KMDF/UMDF
      driver callbacks, PnP notifications and the WIA scanner transfer loop play out, step by
      step.
    </p>
  );
}
