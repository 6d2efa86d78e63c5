import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ErrorDetailsList } from '../components/ApiErrorView.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { AssessmentPage } from '../modules/assessment/AssessmentPage.tsx';
import { CommitteeAssessmentScreen } from '../modules/assessment/CommitteeAssessmentPage.tsx';
import { PointsPage } from '../modules/assessment/PointsPage.tsx';
import { ProjectsPage } from '../modules/assessment/ProjectsPage.tsx';
import { RubricScreen } from '../modules/assessment/RubricPage.tsx';
import { CommitteeOverviewPage, CommitteeScreen } from '../modules/committee/CommitteeOverviewPage.tsx';
import { ConsolidationPage } from '../modules/committee/ConsolidationPage.tsx';
import { CompliancePage } from '../modules/compliance/CompliancePage.tsx';
import { DevelopmentPage } from '../modules/development/DevelopmentPage.tsx';
import { DuesPage } from '../modules/dues/DuesPage.tsx';
import { DutiesPage } from '../modules/duties/DutiesPage.tsx';
import { ElectionsPage } from '../modules/elections/ElectionsPage.tsx';
import { ExemplaryPage } from '../modules/exemplary/ExemplaryPage.tsx';
import { LifeListPage } from '../modules/life/LifeListPage.tsx';
import { MeetingFormPage } from '../modules/life/MeetingFormPage.tsx';
import { MeetingViewPage } from '../modules/life/MeetingViewPage.tsx';
import { BranchHome } from '../modules/org/BranchHome.tsx';
import { OrgSettingsPage } from '../modules/org/OrgSettingsPage.tsx';
import { preferredBranch } from '../modules/org/orgTree.ts';
import { RosterPage } from '../modules/org/RosterPage.tsx';
import { SetupGuide } from '../modules/org/SetupGuide.tsx';
import { RoutinePage } from '../modules/routine/RoutinePage.tsx';
import { DataPage } from '../modules/system/DataPage.tsx';
import { DocumentSettingsPage } from '../modules/system/DocumentSettingsPage.tsx';
import { RulesPage } from '../modules/system/RulesPage.tsx';
import { TalksPage } from '../modules/talk/TalksPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { LedgerProvider, useLedger } from './LedgerContext.tsx';
import { theme } from './theme.ts';

dayjs.locale('zh-cn');

function Home() {
  const { info, units } = useLedger();
  if (info?.needsSetup) return <Navigate to="/setup" replace />;
  const branch = preferredBranch(units);
  if (!branch) return <Navigate to="/setup" replace />;
  return <Navigate to={`/branch/${branch.id}`} replace />;
}

function Setup() {
  const { info } = useLedger();
  if (info && !info.needsSetup) return <Navigate to="/" replace />;
  return <SetupGuide />;
}

function Routed() {
  const { info, loading, error, reload } = useLedger();
  if (!info && loading) {
    return (
      <div className="boot-screen">
        <Spin size="large" description="正在打开台账…" />
      </div>
    );
  }
  if (!info) {
    return (
      <Result
        status="error"
        title={error?.message ?? '无法打开台账'}
        subTitle={error ? <ErrorDetailsList details={error.details} /> : null}
        extra={
          <Button type="primary" onClick={() => void reload()}>
            重试
          </Button>
        }
      />
    );
  }
  return (
    <Routes>
      <Route path="/setup" element={<Setup />} />
      <Route path="/committee/assessment" element={<CommitteeAssessmentScreen />} />
      <Route path="/committee/rubric" element={<RubricScreen />} />
      <Route
        path="/committee/overview"
        element={
          <CommitteeScreen>
            <CommitteeOverviewPage />
          </CommitteeScreen>
        }
      />
      <Route
        path="/committee/import"
        element={
          <CommitteeScreen>
            <ConsolidationPage />
          </CommitteeScreen>
        }
      />
      <Route path="/branch/:branchId" element={<AppLayout />}>
        <Route index element={<BranchHome />} />
        <Route path="life" element={<LifeListPage />} />
        <Route path="life/new" element={<MeetingFormPage />} />
        <Route path="life/:meetingId" element={<MeetingViewPage />} />
        <Route path="life/:meetingId/edit" element={<MeetingFormPage />} />
        <Route path="talks" element={<TalksPage />} />
        <Route path="routine" element={<RoutinePage />} />
        <Route path="dues" element={<DuesPage />} />
        <Route path="compliance" element={<CompliancePage />} />
        <Route path="rules" element={<RulesPage />} />
        <Route path="documents" element={<DocumentSettingsPage />} />
        <Route path="assessment" element={<AssessmentPage />} />
        <Route path="duties" element={<DutiesPage />} />
        <Route path="projects" element={<ProjectsPage />} />
        <Route path="points" element={<PointsPage />} />
        <Route path="exemplary" element={<ExemplaryPage />} />
        <Route path="roster" element={<RosterPage />} />
        <Route path="development" element={<DevelopmentPage />} />
        <Route path="elections" element={<ElectionsPage />} />
        <Route path="org" element={<OrgSettingsPage />} />
        <Route path="data" element={<DataPage />} />
      </Route>
      <Route path="*" element={<Home />} />
    </Routes>
  );
}

export function App() {
  return (
    // No space forced into two-character buttons (保 存): labels read as written, like every other button.
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <LedgerProvider>
          <HashRouter>
            <ErrorBoundary>
              <Routed />
            </ErrorBoundary>
          </HashRouter>
        </LedgerProvider>
      </AntApp>
    </ConfigProvider>
  );
}
