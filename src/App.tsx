import Header from './ui/Header';
import Intro from './ui/Intro';
import ComingSoon from './ui/ComingSoon';

export default function App() {
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900">
      <Header />
      <main className="mx-auto max-w-3xl space-y-6 px-6 py-10">
        <Intro />
        <ComingSoon />
      </main>
    </div>
  );
}
