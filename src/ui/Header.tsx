export default function Header() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-3xl items-center gap-3 px-6 py-4">
        <img src="./favicon.svg" alt="" width={32} height={32} />
        <h1 className="text-2xl font-semibold tracking-tight">PnP Lab</h1>
      </div>
    </header>
  );
}
