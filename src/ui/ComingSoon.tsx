export default function ComingSoon() {
  return (
    <section
      aria-label="Status"
      className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600"
    >
      <h2 className="mb-1 font-medium text-slate-800">The interactive lab is coming</h2>
      <p>
        The simulation engine is being built first; the visual lab will appear on this page in an
        upcoming release.
      </p>
    </section>
  );
}
